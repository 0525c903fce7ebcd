//! Which operations of two versions of the API are the same operation: the one rule the diff
//! (`diff::diff_surfaces`) and the floor (`floor::floor`) both follow, so that what the
//! changelog calls the same operation is what a regeneration keeps.

use std::collections::{BTreeMap, BTreeSet};

/// What identifies an operation across versions of the docs.
#[derive(Debug, Clone, Copy)]
pub struct Identity<'a> {
    /// The page that documents it.
    pub page: &'a str,
    /// Its id.
    pub id: &'a str,
    /// Its calls' keys (`template::call_key`).
    pub keys: &'a [String],
}

/// Pairs of indices `(old, new)`, sorted: operations documented by the same page (the only one
/// on it in both versions, else the one of the same id), then operations that share a call
/// (moved to another page; the one of the same id first, then by page and id). Each operation
/// is in one pair at most, and the pairs do not depend on the order of either list: old
/// operations that compete for one new one go by page and id.
pub fn pair_operations(old: &[Identity], new: &[Identity]) -> Vec<(usize, usize)> {
    fn by_page<'a>(s: &[Identity<'a>]) -> BTreeMap<&'a str, Vec<usize>> {
        let mut m: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, op) in s.iter().enumerate() {
            m.entry(op.page).or_default().push(i);
        }
        m
    }
    let (p_old, p_new) = (by_page(old), by_page(new));
    let mut pairs = Vec::new();
    let (mut used_old, mut used_new) = (BTreeSet::new(), BTreeSet::new());
    for (page, olds) in &p_old {
        let Some(news) = p_new.get(page) else {
            continue;
        };
        if let ([o], [n]) = (olds.as_slice(), news.as_slice()) {
            pairs.push((*o, *n));
            used_old.insert(*o);
            used_new.insert(*n);
            continue;
        }
        for &o in olds {
            let id = old.get(o).map(|op| op.id);
            let found = news
                .iter()
                .copied()
                .find(|&n| new.get(n).map(|op| op.id) == id && !used_new.contains(&n));
            if let Some(n) = found {
                used_new.insert(n);
                used_old.insert(o);
                pairs.push((o, n));
            }
        }
    }
    // Among the operations that share a call with it, the one of the same id, else the first
    // by page and id: whatever order the operations come in.
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (n, op) in new.iter().enumerate() {
        if !used_new.contains(&n) {
            for k in op.keys {
                by_key.entry(k.as_str()).or_default().push(n);
            }
        }
    }
    // Old operations in the order of their page and id, those of the same id first.
    let mut order: Vec<usize> = (0..old.len()).collect();
    order.sort_by_key(|&o| old.get(o).map(|op| (op.page, op.id)));
    for same_id in [true, false] {
        for &o in &order {
            let Some(op) = old.get(o) else { continue };
            if used_old.contains(&o) {
                continue;
            }
            let found = op
                .keys
                .iter()
                .filter_map(|k| by_key.get(k.as_str()))
                .flatten()
                .copied()
                .filter(|n| !used_new.contains(n))
                .filter_map(|n| new.get(n).map(|c| ((c.id != op.id, c.page, c.id), n)))
                .filter(|((other_id, _, _), _)| !same_id || !other_id)
                .min()
                .map(|(_, n)| n);
            if let Some(n) = found {
                used_new.insert(n);
                used_old.insert(o);
                pairs.push((o, n));
            }
        }
    }
    pairs.sort();
    pairs
}
