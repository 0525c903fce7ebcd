//! The call shape on the English corpus: every documented template has a call that mirrors it,
//! two different requests never read as one call, and no name is over the limit, numbered,
//! hashed but where its words cannot fit, or made of cut words (`cre_sin_value_...`).

use codegen::emit::{call_shapes, MAX_IDENT};
use std::collections::{BTreeMap, BTreeSet};

/// A request as the docs address it, read here without the generator: the method, and the path
/// with placeholders (`{id}`, `<address>`), quotes, a trailing slash and a drive path's
/// closing colon dropped and case folded (what the docs write two ways for one thing).
fn request(template: &str) -> String {
    let (method, path) = template.split_once(' ').unwrap_or(("", template));
    let path = path.split('?').next().unwrap_or(path);
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' | '<' => depth += 1,
            '}' | '>' => depth -= 1,
            '\'' | '"' | ' ' => {}
            _ if depth > 0 => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    let out = out.replace(":/", "/");
    format!("{method} {}", out.trim_end_matches([':', '/']))
}

/// The words of an identifier, lower case: `snake_case` at `_`, `CamelCase` at its humps.
fn words(ident: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in ident.split('_').filter(|p| !p.is_empty()) {
        let mut word = String::new();
        for c in part.chars() {
            if c.is_ascii_uppercase() && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.extend(c.to_lowercase());
        }
        out.push(word);
    }
    out
}

/// A call without its arguments.
fn bare(call: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in call.chars() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    out.push_str("()");
                }
            }
            ')' => depth -= 1,
            _ if depth > 0 => {}
            c => out.push(c),
        }
    }
    out
}

#[test]
fn english_calls_mirror_their_templates() {
    let Some(dir) = workspace_tests::shared("corpus/graph-v1.0-en-2021") else {
        return;
    };
    let analysis = codegen::analyze(&dir, codegen::source::Lang::English).expect("reads");
    let report = call_shapes(&analysis.api).expect("call shapes");
    let templates: usize = analysis
        .api
        .operations
        .iter()
        .map(|o| o.templates.len())
        .sum();
    assert_eq!(report.calls.len(), templates, "a template without a call");
    // `list()` names a call that answers with a page, and only such a call (`GET /me` was
    // `me().list()`).
    let lists: Vec<&str> = report
        .calls
        .iter()
        .filter(|c| bare(&c.call).ends_with(".list()") && !c.returns_page)
        .map(|c| c.template.as_str())
        .collect();
    assert!(lists.is_empty(), "list() without a page: {lists:?}");
    let listed = report
        .calls
        .iter()
        .filter(|c| bare(&c.call).ends_with(".list()"))
        .count();
    assert!(listed > 400, "{listed} list() calls");

    // One call, one request; the other way a request may have several calls only when pages
    // disagree on what it is (an action on one, a step on another).
    let mut requests: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in &report.calls {
        assert!(c.call.starts_with("client."), "{c:?}");
        requests
            .entry(bare(&c.call))
            .or_default()
            .insert(request(&c.template));
    }
    let shared: Vec<_> = requests.iter().filter(|(_, r)| r.len() > 1).collect();
    // A call sends the request of its own template: the one it fills is the same request
    // (another page's spelling of it at most), never another path.
    let elsewhere: Vec<_> = report
        .calls
        .iter()
        .filter(|c| request(&c.template) != request(&c.fills))
        .collect();
    assert!(
        elsewhere.is_empty(),
        "calls that fill another request's template: {elsewhere:#?}"
    );
    let borrowed = report
        .calls
        .iter()
        .filter(|c| c.template != c.fills)
        .count();
    assert!(
        shared.is_empty(),
        "calls that send different requests: {shared:#?}"
    );

    let long: Vec<_> = report
        .identifiers
        .iter()
        .filter(|i| i.len() > MAX_IDENT)
        .collect();
    assert!(long.is_empty(), "over {MAX_IDENT} characters: {long:?}");
    let numbered: Vec<_> = report
        .calls
        .iter()
        .filter(|c| {
            bare(&c.call).split('.').any(|n| {
                n.trim_end_matches("()")
                    .rsplit('_')
                    .next()
                    .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
            })
        })
        .collect();
    assert!(numbered.is_empty(), "told apart by a number: {numbered:#?}");
    // Every word of a name is a word the docs write (a template's, a page file's, a type's),
    // not the first letters of one (`cre` of `create`, `win` of `windows`).
    // The words the call shape adds: verbs, `_by_id`, `as_` of a cast, `$ref`, `$value`...
    let mut vocabulary: BTreeSet<String> = [
        "get",
        "list",
        "create",
        "update",
        "put",
        "delete",
        "by",
        "id",
        "as",
        "call",
        "reference",
        "value",
        "count",
        "client",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    let texts = analysis
        .api
        .operations
        .iter()
        .flat_map(|o| {
            o.templates
                .iter()
                .map(|t| t.raw.as_str())
                .chain([o.page.as_str(), o.id.as_str()])
        })
        .chain(analysis.api.resources.iter().map(|r| r.name.as_str()));
    for text in texts {
        for piece in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            vocabulary.extend(words(piece));
        }
    }
    let cut: Vec<_> = report
        .identifiers
        .iter()
        .filter(|i| {
            // A cut kept three letters (`cre`, `win`); one letter (`o` of `oAuth2`) is a hump.
            words(i).iter().any(|w| {
                (2..=3).contains(&w.len())
                    && !vocabulary.contains(w)
                    && vocabulary
                        .iter()
                        .any(|v| v.len() > w.len() && v.starts_with(w.as_str()))
            })
        })
        .collect();
    assert!(cut.is_empty(), "names of cut words: {cut:?}");
    let hashed = report
        .identifiers
        .iter()
        .filter(|i| {
            i.len() == MAX_IDENT
                && i.rsplit('_')
                    .next()
                    .is_some_and(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_hexdigit()))
        })
        .count();

    // The headline numbers: a change to them is a change to the shape, to be explained.
    assert_eq!(
        (
            report.calls.len(),
            report.finals,
            report.step_types,
            hashed,
            borrowed
        ),
        // 3906 calls and 3447 finals before calls returned what their pages type: one more
        // template (the path-addressed upload an example writes); a request that pages document
        // with different types (Intune's derived types of one base, once all untyped and so one
        // call) is one call per type (170); 3 more templates are sent as another page writes them.
        (3907, 3617, 1507, 0, 28),
        "calls, final calls, step types, hashed names, templates sent as another page writes them"
    );
}
