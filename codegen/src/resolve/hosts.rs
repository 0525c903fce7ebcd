//! The API's host (the one most examples call): an example that calls another host shows a
//! callback or a download, not a call of this API (the conformance account calls it "not a
//! call").

use crate::ir::Api;
use std::collections::BTreeMap;

fn host(target: &str) -> Option<String> {
    let (_, rest) = target.trim().split_once("://")?;
    let host = rest.split(['/', '?']).next()?;
    Some(host.to_ascii_lowercase())
}

/// The host most examples call is the API's; examples that call another one are marked.
pub(super) fn mark_other_hosts(api: &mut Api) {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for ex in api.operations.iter().flat_map(|op| &op.examples) {
        if let Some(h) = host(&ex.request.target) {
            *count.entry(h).or_insert(0) += 1;
        }
    }
    let Some(api_host) = count
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(h, _)| h.clone())
    else {
        return;
    };
    for ex in api.operations.iter_mut().flat_map(|op| &mut op.examples) {
        if let Some(h) = host(&ex.request.target) {
            if h != api_host {
                ex.request.other_host = Some(h);
            }
        }
    }
}
