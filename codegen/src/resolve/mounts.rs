//! Mounted templates: a template that starts inside another resource (`/workbook/...`), whose
//! examples show where it is mounted (`/me/drive/items/{id}/workbook/...`), gets the full path.

use crate::ir::template::{self, is_param, shape, single_literal, Part};
use crate::ir::{Operation, PathTemplate};
use std::collections::{BTreeMap, BTreeSet};

/// Where templates that start inside another resource are mounted: the first literal segment
/// of such a template (lower case) -> the documented paths its examples put before it.
pub(super) type Mounts = BTreeMap<String, Vec<Vec<Vec<Part>>>>;

/// Where the templates of `op` are mounted, from its own examples only (a mount another page's
/// examples show is that page's evidence, not this one's): a template is mounted when one of
/// its examples matches it only after a prefix, and none of its examples calls the template's
/// first segment as a root. The prefix is replaced by the documented template it matches, of
/// any page (`documented`: so its placeholders keep their documented names), or kept when it
/// holds only words and placeholders.
pub(super) fn mounts(op: &Operation, documented: &[&[Vec<Part>]]) -> Mounts {
    let roots: BTreeSet<String> = op
        .examples
        .iter()
        .filter(|e| e.request.template.is_some())
        .filter_map(|e| {
            template::parse_path(&e.request.path)
                .first()
                .and_then(|s| single_literal(s).map(str::to_ascii_lowercase))
        })
        .collect();
    let mut out = Mounts::new();
    for ex in op.examples.iter().filter(|e| e.request.template.is_none()) {
        for segments in spellings(&template::parse_path(&ex.request.path)) {
            for t in &op.templates {
                let Some(first) = t.segments.first().and_then(|s| single_literal(s)) else {
                    continue;
                };
                let root = first.to_ascii_lowercase();
                if roots.contains(&root) || t.method != ex.request.method {
                    continue;
                }
                // The template as written, or in the other key syntax (`worksheets({id})` for
                // `worksheets/{id}`), which its key-syntax spelling then offers.
                let other = super::spellings::key_syntax(t).map(|o| o.segments);
                let prefix =
                    std::iter::once(&t.segments)
                        .chain(other.as_ref())
                        .find_map(|written| {
                            let at = segments
                                .len()
                                .checked_sub(written.len())
                                .filter(|&k| k > 0)?;
                            let (prefix, tail) = segments.split_at(at);
                            template::match_path(written, tail).map(|_| prefix)
                        });
                let Some(prefix) = prefix else {
                    continue;
                };
                let mount = documented
                    .iter()
                    .find(|d| template::match_path(d, prefix).is_some())
                    .map(|d| d.to_vec())
                    .or_else(|| plain(prefix).then(|| prefix.to_vec()));
                if let Some(m) = mount {
                    let list = out.entry(root).or_default();
                    if !list.iter().any(|x| shape(x) == shape(&m)) {
                        list.push(m);
                    }
                }
            }
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|m| shape(m));
    }
    out
}

/// An example's path as written, with the OData key syntax as segments (`worksheets('s')` as
/// `worksheets/s`), and each without the arguments of the functions it calls
/// (`cell(row=5,column=6)` as `cell`): the templates the mount is for write neither.
fn spellings(segments: &[Vec<Part>]) -> Vec<Vec<Vec<Part>>> {
    let mut out = vec![segments.to_vec()];
    out.extend(super::spellings::key_segments(segments));
    let bare: Vec<Vec<Vec<Part>>> = out
        .iter()
        .filter_map(|path| {
            let mut changed = false;
            let bare = path
                .iter()
                .map(
                    |seg| match single_literal(seg).and_then(|l| l.split_once('(')) {
                        Some((name, args)) if args.ends_with(')') && args.contains('=') => {
                            changed = true;
                            vec![Part::Literal(name.to_string())]
                        }
                        _ => seg.clone(),
                    },
                )
                .collect();
            changed.then_some(bare)
        })
        .collect();
    out.extend(bare);
    out
}

/// Only words and placeholders: no concrete ids that would pin a mount to one resource.
fn plain(segments: &[Vec<Part>]) -> bool {
    segments.iter().all(|seg| {
        is_param(seg)
            || single_literal(seg).is_some_and(|l| l.chars().all(|c| c.is_ascii_alphabetic()))
    })
}

pub(super) fn mounted(t: &PathTemplate, mounts: &Mounts) -> Vec<PathTemplate> {
    if t.derived.is_some() {
        return Vec::new();
    }
    let Some(first) = t.segments.first().and_then(|s| single_literal(s)) else {
        return Vec::new();
    };
    let Some(list) = mounts.get(&first.to_ascii_lowercase()) else {
        return Vec::new();
    };
    list.iter()
        .map(|m| {
            let mut segments = m.clone();
            segments.extend(t.segments.iter().cloned());
            let at = template::render_path(m);
            PathTemplate::derived(
                t,
                segments,
                format!("`{}` is mounted under `{at}`, as its examples show", t.raw),
            )
        })
        .collect()
}
