//! Other spellings of documented templates, derived only where an example writes them: OData
//! casts after the path (`.../transitiveMembers/microsoft.graph.user`), `$value` after a
//! documented entity, the OData key syntax (`events('id')` in examples, `worksheets({id})` in
//! templates), a function called without its optional arguments (`rowsAbove` for
//! `rowsAbove(count=n)`), and function arguments a template omits, from the Function parameters
//! table or, for a GET function, its Request body table
//! (`getAuditActivityTypes(category='{category}')`). `rematch` matches again the examples that
//! matched no template.

use crate::base::Method;
use crate::ir::template::{self, single_literal, Part};
use crate::ir::{Operation, PathTemplate};
use std::collections::BTreeSet;

/// A documented template with an OData cast segment after it (`/groups/{id}/transitiveMembers/
/// microsoft.graph.user`: the collection filtered to one derived type) or its raw value
/// (`.../hostedContents/{id}/$value`: the media an entity holds), each where an example of the
/// operation writes it; the OData conventions allow both on any such path.
pub(super) fn casts(op: &Operation) -> Vec<PathTemplate> {
    let mut out = Vec::new();
    for ex in op.examples.iter().filter(|e| e.request.template.is_none()) {
        let segments = template::parse_path(&ex.request.path);
        let Some((last, rest)) = segments.split_last() else {
            continue;
        };
        let Some(cast) = single_literal(last)
            .filter(|l| template::cast_type(last).is_some() || l.eq_ignore_ascii_case("$value"))
        else {
            continue;
        };
        for t in op.templates.iter().filter(|t| t.derived.is_none()) {
            if t.method == ex.request.method && template::match_path(&t.segments, rest).is_some() {
                let mut cast_segments = t.segments.clone();
                cast_segments.push(vec![Part::Literal(cast.to_string())]);
                let why = if cast.eq_ignore_ascii_case("$value") {
                    format!("the raw value (`$value`) of the entity at `{}`", t.raw)
                } else {
                    format!("an OData cast of `{}` to the derived type `{cast}`", t.raw)
                };
                out.push(PathTemplate::derived(t, cast_segments, why));
            }
        }
    }
    out
}

/// A documented template whose function segment takes arguments (`rowsAbove(count={count})`),
/// called without them where an example does so (`rowsAbove`, `rowsAbove()`): the page's
/// parameters are optional and the service applies their defaults.
pub(super) fn without_arguments(op: &Operation) -> Vec<PathTemplate> {
    let mut out = Vec::new();
    for ex in op.examples.iter().filter(|e| e.request.template.is_none()) {
        let segments = template::parse_path(&ex.request.path);
        for t in op.templates.iter().filter(|t| t.derived.is_none()) {
            if t.segments.len() != segments.len() || t.method != ex.request.method {
                continue;
            }
            let mut changed = None;
            let mut bare_segments = t.segments.clone();
            for (i, (ts, es)) in t.segments.iter().zip(&segments).enumerate() {
                let (Some(Part::Literal(first)), Some(called)) = (ts.first(), single_literal(es))
                else {
                    continue;
                };
                let Some(name) = first.split_once('(').map(|(n, _)| n) else {
                    continue;
                };
                let bare = called.strip_suffix("()").unwrap_or(called);
                if ts.len() > 1 && !name.is_empty() && bare.eq_ignore_ascii_case(name) {
                    if let Some(seg) = bare_segments.get_mut(i) {
                        *seg = vec![Part::Literal(called.to_string())];
                    }
                    changed = Some(name.to_string());
                }
            }
            let Some(name) = changed else { continue };
            if template::match_path(&bare_segments, &segments).is_some() {
                out.push(PathTemplate::derived(
                    t,
                    bare_segments,
                    format!("the function `{name}` called without its optional arguments"),
                ));
            }
        }
    }
    out
}

/// A template that writes a key in the OData key syntax (`worksheets({id|name})`): the same
/// template with the key as a segment of its own (`worksheets/{id|name}`), the form examples use.
pub(super) fn key_syntax(t: &PathTemplate) -> Option<PathTemplate> {
    let mut changed = false;
    let mut segments = Vec::new();
    for seg in &t.segments {
        if let [Part::Literal(open), Part::Param(p), Part::Literal(close)] = seg.as_slice() {
            let quoted = open.ends_with("('");
            let name = open
                .strip_suffix('\'')
                .unwrap_or(open)
                .strip_suffix('(')
                .unwrap_or_default();
            let closes = if quoted { close == "')" } else { close == ")" };
            if closes && !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
                segments.push(vec![Part::Literal(name.to_string())]);
                segments.push(vec![Part::Param(p.clone())]);
                changed = true;
                continue;
            }
        }
        segments.push(seg.clone());
    }
    changed.then(|| {
        PathTemplate::derived(
            t,
            segments,
            format!(
                "`{}` writes a key in the OData key syntax, which is the same as a path segment",
                t.raw
            ),
        )
    })
}

/// `events('AAMk=')` (the OData key syntax) as the two segments `events` and `AAMk=`; `None`
/// when no segment uses it. Function calls (`f(a=1)`) are left alone.
pub(super) fn key_segments(segments: &[Vec<Part>]) -> Option<Vec<Vec<Part>>> {
    let mut out = Vec::new();
    let mut changed = false;
    for seg in segments {
        if let Some(text) = single_literal(seg) {
            if let Some((name, rest)) = text.split_once('(') {
                if let Some(inner) = rest.strip_suffix(')') {
                    let quoted = inner.len() > 2
                        && inner.starts_with('\'')
                        && inner.ends_with('\'')
                        && !inner
                            .get(1..inner.len() - 1)
                            .is_some_and(|i| i.contains('\''));
                    let key = inner.trim_matches('\'');
                    if !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_alphanumeric())
                        && !key.is_empty()
                        && (quoted || !inner.contains(['=', '(', ')', ',']))
                    {
                        out.push(vec![Part::Literal(name.to_string())]);
                        out.push(vec![Part::Literal(key.to_string())]);
                        changed = true;
                        continue;
                    }
                }
            }
        }
        out.push(seg.clone());
    }
    changed.then_some(out)
}

/// Templates that name a function without its arguments (`.../usedRange`) while the page's
/// function parameters table and an example give them (`.../usedRange(valuesOnly=true)`): the
/// template with the documented parameters as placeholders.
pub(super) fn with_function_arguments(op: &Operation) -> Vec<PathTemplate> {
    // A function is called with GET, which sends no body: a page that lists its parameters in
    // a Request body table documents them there.
    let body_table = op.templates.iter().all(|t| t.method == Method::Get);
    let documented: BTreeSet<String> = op
        .function_parameters
        .iter()
        .chain(op.body_properties.iter().filter(|_| body_table))
        .map(|p| p.name.to_ascii_lowercase())
        .collect();
    if documented.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for ex in op.examples.iter().filter(|e| e.request.template.is_none()) {
        let segments = template::parse_path(&ex.request.path);
        // Derived templates too: a mounted one may be the one that omits the arguments.
        for t in op
            .templates
            .iter()
            .filter(|t| t.method == ex.request.method && t.segments.len() == segments.len())
        {
            let mut new = Vec::new();
            let mut args = Vec::new();
            for (ts, es) in t.segments.iter().zip(&segments) {
                if template::match_path(std::slice::from_ref(ts), std::slice::from_ref(es))
                    .is_some()
                {
                    new.push(ts.clone());
                    continue;
                }
                // The example's call as written, placeholders in its arguments included
                // (`getX(groupId='{id}')`).
                let call = template::render_parts(es);
                match single_literal(ts) {
                    Some(name) => match function_segment(name, &call, &documented) {
                        Some(seg) => {
                            args.push(call);
                            new.push(seg);
                        }
                        None => break,
                    },
                    None => break,
                }
            }
            if new.len() == segments.len() && !args.is_empty() {
                out.push(PathTemplate::derived(
                    t,
                    new,
                    format!(
                        "the page's function parameters table gives the arguments `{}` omits, as `{}` passes them",
                        t.raw,
                        args.join("/")
                    ),
                ));
            }
        }
    }
    out
}

/// `name(k1=v1,k2='v2')` with every key documented -> `name(k1={k1},k2='{k2}')`.
fn function_segment(name: &str, call: &str, documented: &BTreeSet<String>) -> Option<Vec<Part>> {
    let inner = call
        .strip_prefix(name)
        .or_else(|| {
            call.get(..name.len())
                .filter(|head| head.eq_ignore_ascii_case(name))
                .and_then(|_| call.get(name.len()..))
        })?
        .strip_prefix('(')?
        .strip_suffix(')')?;
    let mut parts = Vec::new();
    let mut literal = format!("{name}(");
    for (i, arg) in inner.split(',').enumerate() {
        let (k, v) = arg.split_once('=')?;
        let key = k.trim();
        if !documented.contains(&key.to_ascii_lowercase()) {
            return None;
        }
        if i > 0 {
            literal.push(',');
        }
        literal.push_str(key);
        literal.push('=');
        template::push_placeholder(&mut parts, &mut literal, key, v.trim().starts_with('\''));
    }
    literal.push(')');
    parts.push(Part::Literal(literal));
    Some(parts)
}
/// Matches again the examples that matched no template, now that there may be more.
pub(super) fn rematch(op: &mut Operation) {
    for ex in &mut op.examples {
        if ex.request.template.is_some() {
            continue;
        }
        let find = |segments: &[Vec<Part>]| {
            template::find_template(
                &op.templates,
                ex.request.method,
                segments,
                &ex.request.query,
            )
        };
        let segments = template::parse_path(&ex.request.path);
        ex.request.template = find(&segments);
        if ex.request.template.is_none() {
            if let Some(keys) = key_segments(&segments) {
                ex.request.template = find(&keys);
                if ex.request.template.is_some() {
                    ex.request.key_syntax_path = Some(template::render_path(&keys));
                }
            }
        }
    }
}
