//! Path aliases: a literal root that pages document side by side with a parametrized one (`/me/...`
//! next to `/users/{id}/...`) gets the short form wherever only the long form is written. The
//! alias is inferred: the pair of roots that the most operations document side by side, at least
//! `rules::MIN_ALIAS_EVIDENCE` and 1.5 times the runner-up (`ALIAS_MARGIN`). The entity itself
//! through the alias (`/me` for `/users/{id}`) is derived only for the methods some page
//! documents on `/me` alone, else where an example uses it (no `DELETE /me`).

use crate::base::Method;
use crate::ir::template::{is_param, shape, single_literal, Part};
use crate::ir::{Operation, PathTemplate};
use crate::read::rules::{ALIAS_MARGIN, MIN_ALIAS_EVIDENCE};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The literal root, e.g. `me`.
    pub short: String,
    /// The parametrized root it stands for, e.g. `users` (as in `/users/{id}`).
    pub long: String,
    /// The methods some page documents on the short root alone (`GET /me`): the entity itself is
    /// derived for those, and for others only where an example uses it (`PATCH /me` in
    /// `user-update`'s example; no page deletes `/me`).
    pub root_methods: BTreeSet<Method>,
}

/// Counts, for every pair of roots `A` and `B/{p}`, the operations that document both
/// `A/rest` and `B/{p}/rest`. A pair becomes an alias when its count is at least
/// `MIN_ALIAS_EVIDENCE` and one and a half times that of `A`'s next best pair, each root taken
/// once, strongest evidence first. `me`/`users`: 228 operations in the English corpus, 131 in the
/// 2017 Chinese one; the runners-up `me`/`groups`: 73 and 68.
pub fn aliases(ops: &[Operation]) -> Vec<Alias> {
    let mut score: BTreeMap<(String, String), usize> = BTreeMap::new();
    for op in ops {
        let mut seen = BTreeSet::new();
        for a in &op.templates {
            let Some(short) = a.segments.first().and_then(|s| single_literal(s)) else {
                continue;
            };
            let rest = shape(a.segments.get(1..).unwrap_or_default());
            for b in &op.templates {
                let (Some(long), Some(p)) = (
                    b.segments.first().and_then(|s| single_literal(s)),
                    b.segments.get(1),
                ) else {
                    continue;
                };
                if is_param(p)
                    && a.method == b.method
                    && shape(b.segments.get(2..).unwrap_or_default()) == rest
                {
                    let key = (short.to_ascii_lowercase(), long.to_ascii_lowercase());
                    if seen.insert(key.clone()) {
                        *score.entry(key).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let mut ranked: Vec<(&(String, String), &usize)> = score.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut taken = BTreeSet::new();
    let mut out = Vec::new();
    for ((short, long), n) in &ranked {
        if **n < MIN_ALIAS_EVIDENCE || short == long {
            continue;
        }
        let runner_up = ranked
            .iter()
            .filter(|((s, l), _)| s == short && l != long)
            .map(|(_, m)| **m)
            .max()
            .unwrap_or(0);
        if ALIAS_MARGIN.1 * **n < ALIAS_MARGIN.0 * runner_up
            || taken.contains(short)
            || taken.contains(long)
        {
            continue;
        }
        taken.insert(short.clone());
        taken.insert(long.clone());
        let root_methods = ops
            .iter()
            .flat_map(|op| &op.templates)
            .filter(|t| {
                matches!(t.segments.as_slice(), [only] if single_literal(only).is_some_and(|l| l.eq_ignore_ascii_case(short)))
            })
            .map(|t| t.method)
            .collect();
        out.push(Alias {
            short: short.clone(),
            long: long.clone(),
            root_methods,
        });
    }
    out
}

/// Whether a derived template stands on the docs alone, or only where an example uses it.
pub(super) enum Evidence {
    Documented,
    IfUsed,
}

pub(super) fn aliased(t: &PathTemplate, aliases: &[Alias]) -> Option<(PathTemplate, Evidence)> {
    if t.derived.is_some() {
        return None;
    }
    let first = t.segments.first().and_then(|s| single_literal(s))?;
    let alias = aliases
        .iter()
        .find(|a| a.long.eq_ignore_ascii_case(first))?;
    if !t.segments.get(1).is_some_and(|s| is_param(s)) {
        return None;
    }
    let mut segments = vec![vec![Part::Literal(alias.short.clone())]];
    segments.extend(t.segments.iter().skip(2).cloned());
    let entity = t.segments.len() == 2;
    let evidence = if entity && !alias.root_methods.contains(&t.method) {
        Evidence::IfUsed
    } else {
        Evidence::Documented
    };
    let derived = PathTemplate::derived(
        t,
        segments,
        format!(
            "`/{}` stands for `/{}/{{id}}`, as the pages that document both show",
            alias.short, alias.long
        ),
    );
    Some((derived, evidence))
}
