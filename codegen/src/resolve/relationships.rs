//! Single-valued relationships: a single-valued relationship stands for an item of a collection
//! of the same type (`/me/drive/root` for `/me/drive/items/{id}`), derived where an example goes
//! through it.

use super::shorthands::{expanded, Shorthand};
use crate::ir::template::{self, is_param, single_literal, Part};
use crate::ir::{Api, Operation, PathTemplate};
use std::collections::BTreeMap;

/// Pairs of relationships of one resource with the same target type, one single-valued and one
/// a collection: (single, collection) lower case -> the resource that documents them
/// (`drive`: `root` and `items`, both `driveItem`; `user`: `calendar` and `calendars`).
type Singles = BTreeMap<(String, String), String>;

pub(super) fn single_relationships(api: &Api) -> Singles {
    use crate::ir::TypeRef;
    let mut out = Singles::new();
    for r in &api.resources {
        for single in &r.relationships {
            let TypeRef::Named(target) = &single.ty else {
                continue;
            };
            for coll in &r.relationships {
                if let TypeRef::Collection(inner) = &coll.ty {
                    if matches!(inner.as_ref(), TypeRef::Named(t) if t.eq_ignore_ascii_case(target))
                    {
                        out.entry((
                            single.name.to_ascii_lowercase(),
                            coll.name.to_ascii_lowercase(),
                        ))
                        .or_insert_with(|| r.page.clone());
                    }
                }
            }
        }
    }
    out
}

/// An example that goes through a single-valued relationship (`/me/drive/root/children`) where
/// the template goes through the collection of the same type (`/me/drive/items/{id}/children`):
/// the template through the relationship. So does an example that addresses an item by its path
/// below the relationship (`/me/drive/root:/FolderA/FileB.txt:/content` for
/// `/me/drive/items/{item-id}/content`, or for `/me/drive/items/{parent-id}:/{filename}:/content`):
/// the template through `root:/{item-path}:`. Only what examples use is derived.
pub(super) fn through_single_relationships(
    op: &Operation,
    singles: &Singles,
    shorthands: &[Shorthand],
) -> Vec<PathTemplate> {
    let mut out = Vec::new();
    let paths = op
        .examples
        .iter()
        .filter(|e| e.request.template.is_none())
        .flat_map(|ex| {
            expanded(&template::parse_path(&ex.request.path), shorthands)
                .into_iter()
                .map(move |p| (ex, p))
        });
    for (ex, e) in paths {
        for t in op.templates.iter().filter(|t| {
            t.derived.is_none() && t.method == ex.request.method && t.segments.len() == e.len() + 1
        }) {
            for (i, seg) in e.iter().enumerate() {
                let (Some(written), Some(coll)) = (
                    single_literal(seg),
                    t.segments.get(i).and_then(|s| single_literal(s)),
                ) else {
                    continue;
                };
                // `root`, or a path below it: `root:/FolderA/FileB.txt:` (`:` closes it before
                // what follows), `root:/FolderA/FileB.txt` at the end.
                let (single, address) = match written.split_once(":/") {
                    Some((single, path)) => (single, Some(path.ends_with(':'))),
                    None => (written, None),
                };
                let key = (single.to_ascii_lowercase(), coll.to_ascii_lowercase());
                let Some(page) = singles.get(&key) else {
                    continue;
                };
                // The item the collection's key names: `{id}`, or (for an address) a path
                // below a parent: `{parent-id}:/{filename}:`.
                let item = t.segments.get(i + 1).is_some_and(|s| {
                    is_param(s) || (address.is_some() && template::is_path_address(s, 2))
                });
                if !item {
                    continue;
                }
                let mut segments: Vec<Vec<Part>> = t.segments.iter().take(i).cloned().collect();
                segments.push(match address {
                    None => vec![Part::Literal(single.to_string())],
                    Some(closed) => {
                        let mut parts = vec![
                            Part::Literal(format!("{single}:/")),
                            Part::Param("item-path".into()),
                        ];
                        if closed {
                            parts.push(Part::Literal(":".into()));
                        }
                        parts
                    }
                });
                segments.extend(t.segments.iter().skip(i + 2).cloned());
                if template::match_path(&segments, &e).is_some() {
                    out.push(PathTemplate::derived(
                        t,
                        segments,
                        format!(
                            "`{single}` is a single-valued relationship of the type `{coll}` holds ({page})"
                        ),
                    ));
                }
            }
        }
    }
    out
}
