//! Root shorthands: a root that the resource pages' Methods tables write for a longer literal path
//! (`/drive/root` for `/me/drive/root`) gets the short form where an example uses it: 5
//! operations (`rules::MIN_SHORTHAND_EVIDENCE`) whose rows write one prefix of words make
//! `/drive` short for `/me/drive`.

use crate::base::Method;
use crate::ir::template::{self, shape, single_literal, Part};
use crate::ir::{Api, Operation, PathTemplate};
use crate::read::rules::MIN_SHORTHAND_EVIDENCE;
use std::collections::{BTreeMap, BTreeSet};

/// `/{root}/...` stands for `/{prefix}/{root}/...` (`/drive` for `/me/drive`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shorthand {
    pub root: String,
    pub prefix: Vec<String>,
    /// The resource pages whose Methods tables show it.
    pub pages: Vec<String>,
}

/// A Methods-table row that writes a path none of its operation's templates has, while one of
/// them is that path after a prefix of words only, is evidence that the path's root is short
/// for the prefixed one. Only a prefix of words: a path without a parameter cannot stand for one
/// that needs it (`/drive/root` is not `/groups/{id}/drive/root`). A root becomes a shorthand
/// when enough operations say so and no other prefix is seen for it.
pub fn shorthands(api: &Api) -> Vec<Shorthand> {
    type Key = (String, Vec<String>);
    let mut evidence: BTreeMap<Key, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    let by_page: BTreeMap<&str, &Operation> = api
        .operations
        .iter()
        .map(|o| (o.page.as_str(), o))
        .collect();
    for r in &api.resources {
        for m in &r.methods {
            let (Some(page), Some(request)) = (&m.page, &m.path) else {
                continue;
            };
            let Some((method, path)) = request.split_once(' ') else {
                continue;
            };
            let Some(op) = by_page.get(page.as_str()) else {
                continue;
            };
            let (path, _) = template::split_target(path);
            let segments = template::parse_path(&path);
            let Some(root) = segments.first().and_then(|s| single_literal(s)) else {
                continue;
            };
            let same_method = || {
                op.templates
                    .iter()
                    .filter(|t| t.derived.is_none() && Method::parse(method) == Some(t.method))
            };
            if same_method().any(|t| shape(&t.segments) == shape(&segments)) {
                continue;
            }
            for t in same_method() {
                let Some(k) = t.segments.len().checked_sub(segments.len()) else {
                    continue;
                };
                if k == 0 || shape(t.segments.get(k..).unwrap_or_default()) != shape(&segments) {
                    continue;
                }
                let prefix: Option<Vec<String>> = t
                    .segments
                    .iter()
                    .take(k)
                    .map(|s| single_literal(s).map(str::to_ascii_lowercase))
                    .collect();
                if let Some(prefix) = prefix {
                    let e = evidence
                        .entry((root.to_ascii_lowercase(), prefix))
                        .or_default();
                    e.0.insert(op.page.clone());
                    e.1.insert(r.page.clone());
                }
            }
        }
    }
    let mut out = Vec::new();
    for ((root, prefix), (ops, pages)) in &evidence {
        let rivals = evidence.keys().filter(|(r, _)| r == root).count();
        if ops.len() >= MIN_SHORTHAND_EVIDENCE && rivals == 1 {
            out.push(Shorthand {
                root: root.clone(),
                prefix: prefix.clone(),
                pages: pages.iter().cloned().collect(),
            });
        }
    }
    out
}

/// The template with `prefix/root` written as `root`, when a shorthand allows it.
pub(super) fn shortened(t: &PathTemplate, shorthands: &[Shorthand]) -> Option<PathTemplate> {
    let s = shorthands.iter().find(|s| {
        t.segments.len() > s.prefix.len()
            && s.prefix
                .iter()
                .chain(std::iter::once(&s.root))
                .zip(&t.segments)
                .all(|(w, seg)| single_literal(seg).is_some_and(|l| l.eq_ignore_ascii_case(w)))
    })?;
    let segments = t.segments.get(s.prefix.len()..)?.to_vec();
    let long = format!("/{}/{}", s.prefix.join("/"), s.root);
    Some(PathTemplate::derived(
        t,
        segments,
        format!(
            "`/{}` stands for `{long}`, as the Methods tables of {} show",
            s.root,
            s.pages.join(", ")
        ),
    ))
}

/// An example's path, and the same path with a shorthand written out in full.
pub(super) fn expanded(path: &[Vec<Part>], shorthands: &[Shorthand]) -> Vec<Vec<Vec<Part>>> {
    let mut out = vec![path.to_vec()];
    let root = path.first().and_then(|s| single_literal(s));
    for s in shorthands {
        if root.is_some_and(|r| r.eq_ignore_ascii_case(&s.root)) {
            let mut long: Vec<Vec<Part>> = s
                .prefix
                .iter()
                .map(|w| vec![Part::Literal(w.clone())])
                .collect();
            long.extend(path.iter().cloned());
            out.push(long);
        }
    }
    out
}
