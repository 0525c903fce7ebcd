//! Permissions: the scopes table's shape, and scopes the examples need that the table lacks.

use crate::base::{Code, Diagnostic};
use crate::ir::{Operation, Permission};

pub(super) fn scopes_table(op: &Operation, out: &mut Vec<Diagnostic>) {
    for p in &op.scopes.table_problems {
        out.push(
            Diagnostic::new(
                Code::ScopesTableMalformed,
                p.location.clone(),
                format!("permissions table: {}", p.value),
            )
            .help("give one row per permission type, each with scope names or `Not supported.`"),
        );
    }
}

pub(super) fn scopes(op: &Operation, out: &mut Vec<Diagnostic>) {
    let s = &op.scopes;
    let table: Vec<String> = [&s.delegated_work, &s.delegated_personal, &s.application]
        .into_iter()
        .filter_map(|p| match p {
            Permission::Scopes(v) => Some(v.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    if let Some(table_at) = &s.table {
        for other in [&s.prose, &s.annotation].into_iter().flatten() {
            // Scope names are case-insensitive to the identity platform.
            let missing: Vec<&String> = other
                .value
                .iter()
                .filter(|x| !table.iter().any(|t| t.eq_ignore_ascii_case(x)))
                .collect();
            if !missing.is_empty() {
                out.push(
                    Diagnostic::new(
                        Code::ScopesMismatch,
                        other.location.clone(),
                        format!(
                            "scopes {} are not in the permissions table; the table wins",
                            missing
                                .iter()
                                .map(|m| format!("`{m}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .note(table_at.clone(), "the permissions table"),
                );
            }
        }
    } else if let (Some(prose), Some(ann)) = (&s.prose, &s.annotation) {
        let same = prose.value.len() == ann.value.len()
            && prose
                .value
                .iter()
                .all(|p| ann.value.iter().any(|a| a.eq_ignore_ascii_case(p)));
        if !same {
            out.push(
                Diagnostic::new(
                    Code::ScopesMismatch,
                    ann.location.clone(),
                    "the request annotation's scopes differ from the scopes the prose requires; the prose wins",
                )
                .note(prose.location.clone(), "the prose names these scopes"),
            );
        }
    }
    if s.any_of().is_empty() {
        out.push(
            Diagnostic::new(
                Code::MissingScopes,
                op.location.clone(),
                format!("`{}` documents no permission scopes", op.title),
            )
            .help("add a Permissions table with one row per permission type"),
        );
    }
}
