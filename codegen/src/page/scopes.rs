//! Permissions: the scopes table in its several layouts (rows per permission type, transposed,
//! localized; rows under a permission type whose cell is empty give it their scopes, as Intune's
//! per-workflow rows do), the older prose form ("One of the following scopes is required"), and
//! scopes named in request annotations. The table wins: the prose form and annotation `scopes`
//! count only without a table, and `check::scopes` reports a disagreement as `scopes-mismatch`
//! naming both places. A scope is spelled as the reference writes it most often
//! (`page::vocabulary`).

use super::text::split_scopes;
use super::vocabulary::Vocabulary;
use crate::base::Located;
use crate::ir::*;
use crate::read::extract::{BlockKind, Page, Table};
use crate::read::rules::{self, PermissionType, Section};
use crate::read::source::SourceFile;

pub(super) fn permission(cell: &str, vocab: &Vocabulary) -> Permission {
    let scopes: Vec<String> = split_scopes(cell)
        .into_iter()
        .map(|s| vocab.scope(s))
        .collect();
    if !scopes.is_empty() {
        Permission::Scopes(scopes)
    } else if vocab.not_supported(cell) {
        Permission::NotSupported
    } else {
        Permission::Undocumented
    }
}

/// The permission type a row label or column header names.
fn permission_slot<'a>(
    s: &'a mut Scopes,
    label: &str,
    vocab: &Vocabulary,
) -> Option<&'a mut Permission> {
    Some(slot(s, vocab.permission_type(label)?))
}

fn slot(s: &mut Scopes, ty: PermissionType) -> &mut Permission {
    match ty {
        PermissionType::DelegatedWork => &mut s.delegated_work,
        PermissionType::DelegatedPersonal => &mut s.delegated_personal,
        PermissionType::Application => &mut s.application,
    }
}

pub(super) fn scopes(
    src: &SourceFile,
    page: &Page,
    examples: &[Example],
    vocab: &Vocabulary,
) -> Scopes {
    let mut s = Scopes {
        table_problems: Vec::new(),
        delegated_work: Permission::Undocumented,
        delegated_personal: Permission::Undocumented,
        application: Permission::Undocumented,
        table: None,
        prose: None,
        annotation: None,
    };
    for (b, t) in page.tables() {
        if s.table.is_some() {
            break;
        }
        // One row per permission type: headed so, or in the permissions section with rows
        // that name permission types (a translated header). Else one column per type.
        let headed = t
            .header
            .first()
            .is_some_and(|h| rules::PERMISSION_TYPE_HEADER.in_text(&h.to_lowercase()));
        let rows_named = b.is_in(Section::Permissions)
            && t.rows.iter().any(|r| {
                r.cells
                    .first()
                    .is_some_and(|l| vocab.permission_type(l).is_some())
            });
        let columns_named = t
            .header
            .iter()
            .skip(1)
            .any(|h| vocab.permission_type(h).is_some());
        if headed || rows_named {
            s.table = Some(src.locate(t.offset));
            rows_table(&mut s, src, t, vocab);
        } else if columns_named {
            s.table = Some(src.locate(t.offset));
            columns_table(&mut s, t, vocab);
        }
    }
    s.prose = prose_scopes(src, page);
    s.annotation = examples.iter().find_map(|e| {
        e.request.scopes.clone().map(|value| Located {
            value,
            location: e.request.location.clone(),
        })
    });
    s
}

/// A permissions table of one row per permission type; what it cannot read is a table
/// problem.
fn rows_table(s: &mut Scopes, src: &SourceFile, t: &Table, vocab: &Vocabulary) {
    // A permission type whose cell is empty and whose scopes are in the rows below it, one per
    // workflow (`| &nbsp; **Onboarding** | DeviceManagementApps.ReadWrite.All |`).
    let mut open: Option<PermissionType> = None;
    for row in &t.rows {
        let (Some(label), Some(cell)) = (row.cells.first(), row.cells.get(1)) else {
            continue;
        };
        let value = permission(cell, vocab);
        let ty = vocab.permission_type(label);
        if let (None, Some(open_ty), Permission::Scopes(more)) = (ty, open, &value) {
            if let Permission::Scopes(scopes) = slot(s, open_ty) {
                for scope in more {
                    if !scopes.contains(scope) {
                        scopes.push(scope.clone());
                    }
                }
            } else {
                *slot(s, open_ty) = value.clone();
            }
            continue;
        }
        open = ty.filter(|_| cell.trim().is_empty());
        if open.is_some() {
            continue;
        }
        if value == Permission::Undocumented {
            s.table_problems.push(Located {
                value: format!("the `{}` cell `{cell}` names no scope", label.trim()),
                location: src.locate(row.offset),
            });
        }
        match permission_slot(s, label, vocab) {
            Some(slot) => *slot = value,
            None => s.table_problems.push(Located {
                value: format!("row `{}` is not a permission type", label.trim()),
                location: src.locate(row.offset),
            }),
        }
    }
    let missing: Vec<&str> = [
        (&s.delegated_work, "Delegated (work or school account)"),
        (
            &s.delegated_personal,
            "Delegated (personal Microsoft account)",
        ),
        (&s.application, "Application"),
    ]
    .into_iter()
    .filter(|(p, _)| **p == Permission::Undocumented)
    .map(|(_, name)| name)
    .collect();
    if !missing.is_empty() {
        s.table_problems.push(Located {
            value: format!("no usable row for {}", missing.join(", ")),
            location: src.locate(t.offset),
        });
    }
}

/// A transposed permissions table: one column per permission type, one row per resource. Any
/// row's scopes authorize the call for that resource, so the columns are merged.
fn columns_table(s: &mut Scopes, t: &Table, vocab: &Vocabulary) {
    for (c, label) in t.header.iter().enumerate().skip(1) {
        let mut merged: Vec<String> = Vec::new();
        let mut not_supported = false;
        for row in &t.rows {
            match row.cells.get(c).map(|cell| permission(cell, vocab)) {
                Some(Permission::Scopes(v)) => {
                    for x in v {
                        if !merged.contains(&x) {
                            merged.push(x);
                        }
                    }
                }
                Some(Permission::NotSupported) => not_supported = true,
                _ => {}
            }
        }
        let value = if !merged.is_empty() {
            Permission::Scopes(merged)
        } else if not_supported {
            Permission::NotSupported
        } else {
            Permission::Undocumented
        };
        if let Some(slot) = permission_slot(s, label, vocab) {
            *slot = value;
        }
    }
}

/// The older prose form: "One of the following scopes is required: `A`, `B`".
fn prose_scopes(src: &SourceFile, page: &Page) -> Option<Located<Vec<String>>> {
    page.blocks.iter().find_map(|b| {
        let BlockKind::Paragraph(p) = &b.kind else {
            return None;
        };
        let lower = p.text.to_lowercase();
        if !rules::SCOPES_REQUIRED.all().all(|w| lower.contains(w)) {
            return None;
        }
        let scopes = split_scopes(p.text.split_once(':')?.1);
        (!scopes.is_empty()).then(|| Located {
            value: scopes,
            location: src.locate(p.raw.start),
        })
    })
}
