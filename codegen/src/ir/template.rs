//! The path-template algebra: a template's segments of literal and `{placeholder}` parts, its
//! parse from the target of a request line (`PathTemplate::parse`; a segment `...` is an error,
//! which the page reports as `template-not-a-path`), derived templates with their reason
//! (`PathTemplate::derived`), its placeholders' names, its rendering, and the matching of an
//! example URL against it. Only a scheme at the start of a target is a host
//! (`$ref?$id=https://.../users/{id}` keeps its path); a template's query pairs whose value holds a placeholder are part of every
//! call, the OData options and literal values a template shows are illustrations.

use crate::base::Location;
use crate::base::Method;
use heck::ToSnakeCase;
use serde::{Deserialize, Serialize};

/// A request form of an operation: method and path, as a request line writes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PathTemplate {
    /// The HTTP method (`GET`, `PATCH`).
    pub method: Method,
    /// The template as written, e.g. `/users/{id | userPrincipalName}/messages/{id}/send`.
    pub raw: String,
    /// The path's segments (no host, no version), each of literal and placeholder parts.
    pub segments: Vec<Vec<Part>>,
    /// Query pairs that every call of the template sends (`$id={url}` of a `$ref` delete,
    /// `startDateTime={start_datetime}`); OData options shown as illustrations are not here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<QueryPart>,
    /// One per placeholder, in order: the path's, then the query's.
    pub params: Vec<PathParam>,
    /// Where the request line is.
    pub location: Location,
    /// Set on a template no page writes but the docs imply (see `derive`): why it exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<String>,
}

/// A query pair of a template: its name and its value, literal text and placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryPart {
    /// The name as written (`$id`, `startDateTime`).
    pub name: String,
    /// The value: literal text and placeholders.
    pub value: Vec<Part>,
}

/// A placeholder of a template and the parameter name it gets.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PathParam {
    /// Text inside the braces, e.g. `id | userPrincipalName`.
    pub placeholder: String,
    /// snake_case parameter name, unique within the template, e.g. `user_id`.
    pub name: String,
}

/// A piece of a path segment: literal text or a `{placeholder}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Text as written.
    Literal(String),
    /// A placeholder, by its name (`id` of `{id}`).
    Param(String),
}

/// Removes scheme, host and the `/v1.0` or `/beta` prefix; splits off the query string. Only a
/// scheme at the start is one: a URL inside the query (`$ref?$id=https://...`) is a value.
pub fn split_target(target: &str) -> (String, Option<String>) {
    let mut t = target.trim();
    if let Some((scheme, after)) = t.split_once("://") {
        let is_scheme = !scheme.is_empty()
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            t = after
                .find(['/', '?'])
                .and_then(|i| after.get(i..))
                .unwrap_or("/");
        }
    }
    // Some pages write `/V1.0`; the version is not part of the path either way.
    for v in ["/v1.0", "/beta"] {
        if let (Some(head), Some(r)) = (t.get(..v.len()), t.get(v.len()..)) {
            if !head.eq_ignore_ascii_case(v) {
                continue;
            }
            if r.is_empty() || r.starts_with('/') {
                t = r;
            }
        }
    }
    let (path, query) = match t.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (t, None),
    };
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    (path, query)
}

/// The query pairs of a documented template that every call sends: those whose value holds a
/// placeholder (`$id={url}`, `startDateTime={start_datetime}`), but not the OData query options,
/// which templates show as illustrations (`?$filter=...`) and calls set with builders. A pair with
/// a literal value (`?includeHiddenFolders=true`) shows an optional parameter.
pub fn template_query(query: &str) -> Vec<QueryPart> {
    query
        .split('&')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = name.trim();
            let option = name.trim_start_matches('$').to_ascii_lowercase();
            let illustration = crate::ir::QueryOption::parse(&option).is_some()
                || matches!(option.as_str(), "skiptoken" | "deltatoken")
                || name.contains(['{', '}', ':', ' ']);
            let value = parts(value.trim());
            let varies = value.iter().any(|p| matches!(p, Part::Param(_)));
            (!name.is_empty() && !illustration && varies).then(|| QueryPart {
                name: name.to_string(),
                value,
            })
        })
        .collect()
}

/// Whether a template's segment is not a path at all: an elision (`...`) or text with spaces
/// outside its placeholders.
pub fn not_a_path(segments: &[Vec<Part>]) -> Option<String> {
    segments.iter().flatten().find_map(|p| match p {
        Part::Literal(l) if l == "..." || l == "\u{2026}" => Some(l.clone()),
        // Spaces inside a function call's arguments are allowed (`f(a={a}, b={b})`).
        Part::Literal(l) if l.contains(' ') && !l.contains(['(', ')', ',', '=']) => Some(l.clone()),
        _ => None,
    })
}

/// Splits a path into segments of parts. `/` inside braces or parentheses does not split, nor
/// inside a drive path `root:/folder/file.txt:` (one segment from `root:` to the closing `:`).
pub fn parse_path(path: &str) -> Vec<Vec<Part>> {
    let mut segments = Vec::new();
    let mut depth = 0i32;
    let mut colon_path = false;
    let mut current = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            ':' if depth <= 0 => {
                let next = chars.peek().copied();
                if colon_path && (next == Some('/') || next.is_none()) {
                    colon_path = false;
                } else if !colon_path && next == Some('/') {
                    colon_path = true;
                }
            }
            '/' if depth <= 0 && !colon_path => {
                if !current.is_empty() {
                    segments.push(parts(&current));
                }
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.is_empty() {
        segments.push(parts(&current));
    }
    segments
}

/// A segment's (or a query value's) literal text and `{placeholders}`.
pub fn parts(segment: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut rest = segment;
    while let Some(open) = rest.find('{') {
        // `{` and `}` are one byte each, so these ranges fall on character boundaries.
        let Some(close) = rest.get(open..).and_then(|r| r.find('}')).map(|c| open + c) else {
            break;
        };
        let (Some(before), Some(name), Some(after)) = (
            rest.get(..open),
            rest.get(open + 1..close),
            rest.get(close + 1..),
        ) else {
            break;
        };
        if !before.is_empty() {
            out.push(Part::Literal(before.to_string()));
        }
        out.push(Part::Param(name.trim().to_string()));
        rest = after;
    }
    if !rest.is_empty() {
        out.push(Part::Literal(rest.to_string()));
    }
    out
}

/// Parses a documented path template. Beyond `parse_path`, the values of function arguments
/// are placeholders whatever their spelling (`getX(count=n)`, `(on='parameterValue')`,
/// `(days=days-value)`, `charts(<name>)`): a template describes every call, not one.
pub fn parse_template(path: &str) -> Vec<Vec<Part>> {
    parse_path(path)
        .into_iter()
        .map(|seg| seg.into_iter().flat_map(function_arguments).collect())
        .collect()
}

/// Splits the argument values out of the literal text of a function call segment.
fn function_arguments(part: Part) -> Vec<Part> {
    let Part::Literal(text) = part else {
        return vec![part];
    };
    // A concrete GUID where a template should have a placeholder is read as one (the
    // `template-literal-id` check reports it).
    if is_guid(&text) {
        return vec![Part::Param(text)];
    }
    // `<id>` as a whole segment is a placeholder too (`/planner/tasks/<id>`).
    if let Some(inner) = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .filter(|i| !i.is_empty() && !text.contains('('))
    {
        return vec![Part::Param(inner.trim().to_string())];
    }
    let (Some(open), Some(close)) = (text.find('('), text.rfind(')')) else {
        return vec![Part::Literal(text)];
    };
    if close < open {
        return vec![Part::Literal(text)];
    }
    let mut out = Vec::new();
    let (Some(head), Some(inner), Some(tail)) = (
        text.get(..=open),
        text.get(open + 1..close),
        text.get(close..),
    ) else {
        return vec![Part::Literal(text)];
    };
    let mut literal = head.to_string();
    for (i, arg) in inner.split(',').enumerate() {
        if i > 0 {
            literal.push(',');
        }
        let (key, value) = match arg.split_once('=') {
            Some((k, v)) => (Some(k), v),
            None => (None, arg),
        };
        if let Some(k) = key {
            literal.push_str(k);
            literal.push('=');
        }
        let lead = value
            .get(..value.len() - value.trim_start().len())
            .unwrap_or_default();
        let trail = value.get(value.trim_end().len()..).unwrap_or_default();
        let v = value.trim();
        let unquoted = v.strip_prefix('\'').and_then(|v| v.strip_suffix('\''));
        let quoted = unquoted.is_some();
        let bare = unquoted.unwrap_or(v);
        let angled = bare
            .strip_prefix('<')
            .and_then(|b| b.strip_suffix('>'))
            .filter(|a| !a.is_empty());
        let name = match key {
            Some(k) if !bare.is_empty() => Some(k.trim()),
            None => angled,
            _ => None,
        };
        match name.filter(|n| !n.is_empty() && !n.contains(['{', '}', '(', ')'])) {
            Some(n) => {
                literal.push_str(lead);
                push_placeholder(&mut out, &mut literal, n, quoted);
                literal.push_str(trail);
            }
            None => literal.push_str(value),
        }
    }
    literal.push_str(tail);
    out.push(Part::Literal(literal));
    out.retain(|p| !matches!(p, Part::Literal(l) if l.is_empty()));
    out
}

/// `acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`.
pub fn is_guid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Ends the literal text before a function argument's placeholder (with its opening quote when
/// the argument is a quoted string) and starts the next with the closing quote.
pub fn push_placeholder(parts: &mut Vec<Part>, literal: &mut String, name: &str, quoted: bool) {
    if quoted {
        literal.push('\'');
    }
    parts.push(Part::Literal(std::mem::take(literal)));
    parts.push(Part::Param(name.to_string()));
    if quoted {
        literal.push('\'');
    }
}

/// The first template with the example's method that its path and query match, with the
/// example's text for each placeholder.
pub fn find_template(
    templates: &[PathTemplate],
    method: Method,
    segments: &[Vec<Part>],
    query: &[(String, String)],
) -> Option<(usize, Vec<String>)> {
    templates.iter().enumerate().find_map(|(i, t)| {
        if t.method != method {
            return None;
        }
        let mut values = match_path(&t.segments, segments)?;
        values.extend(match_query(&t.query, query)?);
        Some((i, values))
    })
}

/// Matches the query pairs a template sends against an example's (decoded) pairs: each must be
/// there, by name; returns the example's text for each placeholder, in template order.
pub fn match_query(template: &[QueryPart], example: &[(String, String)]) -> Option<Vec<String>> {
    let mut values = Vec::new();
    for q in template {
        let (_, v) = example
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&q.name))?;
        match_segment(&q.value, v, &mut values)?;
    }
    Some(values)
}

/// Whether an example value is itself a placeholder (`{id}`, `<id>`) rather than a concrete value.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    (v.starts_with('{') && v.ends_with('}')) || (v.starts_with('<') && v.ends_with('>'))
}

/// Matches an example path against a template; on success returns the example's text for each
/// template placeholder, in template order.
pub fn match_path(template: &[Vec<Part>], example: &[Vec<Part>]) -> Option<Vec<String>> {
    if template.len() != example.len() {
        return None;
    }
    let mut values = Vec::new();
    for (t, e) in template.iter().zip(example) {
        let e_text = render_parts(e);
        match_segment(t, &e_text, &mut values)?;
    }
    Some(values)
}

/// A path as template text: `/me/events/{id}` (`/` for no segments).
pub fn render_path(segments: &[Vec<Part>]) -> String {
    let mut out: String = segments
        .iter()
        .map(|seg| format!("/{}", render_parts(seg)))
        .collect();
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// A segment with its literals lower-cased and every placeholder as `{}`: two templates with the
/// same shapes address the same thing.
pub fn segment_shape(seg: &[Part]) -> String {
    seg.iter()
        .map(|p| match p {
            Part::Literal(l) => l.to_ascii_lowercase(),
            Part::Param(_) => "{}".to_string(),
        })
        .collect()
}

/// The parts as the docs write them: literals as they are, placeholders in braces.
pub fn render_parts(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Literal(s) => s.clone(),
            Part::Param(s) => format!("{{{s}}}"),
        })
        .collect()
}

fn match_segment(template: &[Part], text: &str, values: &mut Vec<String>) -> Option<()> {
    let mut rest = text;
    for (i, part) in template.iter().enumerate() {
        match part {
            Part::Literal(l) => {
                // `get`: the text may hold a multi-byte character where the literal ends.
                if !rest.get(..l.len())?.eq_ignore_ascii_case(l) {
                    return None;
                }
                rest = rest.get(l.len()..)?;
            }
            Part::Param(_) => {
                // A placeholder takes text up to the next literal of the template (or the end).
                let end = match template.get(i + 1) {
                    Some(Part::Literal(next)) => {
                        let lower = rest.to_ascii_lowercase();
                        lower.rfind(&next.to_ascii_lowercase())?
                    }
                    _ => rest.len(),
                };
                if end == 0 {
                    return None;
                }
                values.push(rest.get(..end)?.to_string());
                rest = rest.get(end..)?;
            }
        }
    }
    rest.is_empty().then_some(())
}

/// A call as a user's code reaches it: the method and the path in one normal form, so that
/// spellings of one call are one key (`POST /me/messages/{}/send`): placeholders unnamed (their
/// names are no part of the call), `{x}`, `'{x}'` and `<x>` alike, no trailing `/`, and case
/// folded (the steps' names are snake case). What the API surface, the diff and
/// the floor know a call by.
pub fn call_key(method: Method, raw: &str) -> String {
    let mut path = String::with_capacity(raw.len());
    let mut depth = 0usize;
    let mut angle = false;
    for c in raw.chars() {
        match c {
            '{' => {
                if depth == 0 && !angle {
                    path.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            '<' if depth == 0 => {
                angle = true;
                path.push_str("{}");
            }
            '>' if angle => angle = false,
            c if depth == 0 && !angle => path.extend(c.to_lowercase()),
            _ => {}
        }
    }
    // The OData key syntax `items({x})` stays its own key: the call shape makes it a step of
    // its own, whose name a release may have shipped.
    let path = path.replace("'{}'", "{}");
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        &path
    };
    format!("{} {path}", method.as_str())
}

impl PathTemplate {
    /// Its call key (`call_key`).
    pub fn key(&self) -> String {
        call_key(self.method, &self.raw)
    }

    /// A path template from the method and target of a request line: the path's segments, the query
    /// pairs every call sends, and a name for each placeholder. `Err` with the text that is not a
    /// path.
    pub fn parse(method: Method, target: &str, location: Location) -> Result<PathTemplate, String> {
        let (path, query) = split_target(target);
        let segments = parse_template(&path);
        if let Some(bad) = not_a_path(&segments) {
            return Err(bad);
        }
        let query = query.as_deref().map(template_query).unwrap_or_default();
        let params = path_params(&segments, &query);
        Ok(Self {
            method,
            raw: text(&path, &query),
            segments,
            query,
            params,
            location,
            derived: None,
        })
    }

    /// A template derived from `from` (same method, query and location) at other segments, with the
    /// reason the docs imply it.
    pub fn derived(from: &PathTemplate, segments: Vec<Vec<Part>>, why: String) -> PathTemplate {
        let path = render_path(&segments);
        Self {
            method: from.method,
            raw: text(&path, &from.query),
            params: path_params(&segments, &from.query),
            query: from.query.clone(),
            segments,
            location: from.location.clone(),
            derived: Some(why),
        }
    }

    /// Whether the template reads a delta query (`GET /users/delta`, `.../root/delta(token=..)`,
    /// `.../microsoft.graph.delta()`): its items are changes, which may be `@removed`.
    pub fn is_delta(&self) -> bool {
        self.method == Method::Get
            && self
                .segments
                .last()
                .and_then(|s| s.first())
                .is_some_and(|p| {
                    let Part::Literal(l) = p else { return false };
                    let name = l.rsplit('.').next().unwrap_or(l);
                    let name = name.split('(').next().unwrap_or(name);
                    name.eq_ignore_ascii_case("delta")
                })
    }
}

/// A template as text: the path, then the query pairs that every call sends.
fn text(path: &str, query: &[QueryPart]) -> String {
    if query.is_empty() {
        return path.to_string();
    }
    let pairs: Vec<String> = query
        .iter()
        .map(|q| format!("{}={}", q.name, render_parts(&q.value)))
        .collect();
    format!("{path}?{}", pairs.join("&"))
}

/// Names placeholders: `{id}` after `messages` is `message_id` (also in a URL that a query value
/// holds: `$id=https://.../users/{id}`); other names are snake_cased. The path's come first.
pub fn path_params(segments: &[Vec<Part>], query: &[QueryPart]) -> Vec<PathParam> {
    let mut out: Vec<PathParam> = Vec::new();
    let mut previous_literal = String::new();
    let parts = segments
        .iter()
        .flatten()
        .chain(query.iter().flat_map(|q| q.value.iter()));
    for part in parts {
        match part {
            Part::Literal(l) => {
                let word = l.trim_end_matches('/').rsplit('/').next().unwrap_or(l);
                previous_literal = word.to_string();
            }
            Part::Param(p) => {
                let first = p.split('|').next().unwrap_or(p).trim();
                let first = if is_guid(first) { "id" } else { first };
                let base = if first.eq_ignore_ascii_case("id") && !previous_literal.is_empty() {
                    format!(
                        "{}_id",
                        super::names::singular(&previous_literal.to_snake_case())
                    )
                } else {
                    first.to_snake_case()
                };
                let base = if base.is_empty() {
                    "param".to_string()
                } else {
                    base
                };
                let mut name = base.clone();
                let mut n = 2;
                while out.iter().any(|q| q.name == name) {
                    name = format!("{base}_{n}");
                    n += 1;
                }
                out.push(PathParam {
                    placeholder: p.clone(),
                    name,
                });
            }
        }
    }
    out
}

/// The shape of each segment (literals as written, parameters as `{}`): two templates of one
/// shape serve the same calls.
pub fn shape(segments: &[Vec<Part>]) -> Vec<String> {
    segments.iter().map(|s| segment_shape(s)).collect()
}

/// Whether two templates serve the same calls: one method, one shape.
pub fn same_shape(a: &PathTemplate, b: &PathTemplate) -> bool {
    a.method == b.method && shape(&a.segments) == shape(&b.segments)
}

/// The text of a segment that is one literal and nothing else.
pub fn single_literal(seg: &[Part]) -> Option<&str> {
    match seg {
        [Part::Literal(l)] => Some(l),
        _ => None,
    }
}

/// The type an OData cast segment names (`microsoft.graph.user` -> `user`,
/// `microsoft.graph.callRecords.session` -> `callRecords.session`): a literal in the root
/// namespace that calls nothing (`microsoft.graph.delta()` is a function).
pub fn cast_type(seg: &[Part]) -> Option<String> {
    let literal = single_literal(seg)?;
    let prefix = format!("{}.", crate::ir::names::ROOT_NAMESPACE);
    let is_cast = literal.len() > prefix.len()
        && literal
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(&prefix))
        && !literal.contains('(');
    is_cast.then(|| crate::ir::names::resource_name(literal))
}

/// Whether the `i`th part of a segment is a path address: a parameter right after `:/`
/// (`root:/{item-path}:`, `{parent-id}:/{filename}:`, `{hostname}:/{server-relative-path}`),
/// which names an item by its path below the one before the colon.
pub fn is_path_address(seg: &[Part], i: usize) -> bool {
    matches!(seg.get(i), Some(Part::Param(_)))
        && i.checked_sub(1)
            .and_then(|j| seg.get(j))
            .is_some_and(|p| matches!(p, Part::Literal(l) if l.ends_with(":/")))
}

/// Whether a segment is one parameter and nothing else (`{id}`).
pub fn is_param(seg: &[Part]) -> bool {
    matches!(seg, [Part::Param(_)])
}

/// A piece of a template's path as the method builds it: literal text, or an encoded argument.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    /// Literal text.
    Literal(String),
    /// The parameter of this name: one segment (or part of one), its `/` encoded.
    Param(&'a str),
    /// A path address (`root:/{item-path}:`, `items/{parent-id}:/{filename}:`, a parameter right
    /// after `:/`): a path below the item, whose `/`s stay separators.
    Path(&'a str),
}

/// How a method fills a template: the path pieces, the query pairs (name, value pieces) every call
/// sends, and the arguments (placeholder names, path ones first).
#[derive(Debug, PartialEq)]
pub struct Filling<'a> {
    /// The path: literal text (the `/`s included) and parameters.
    pub path: Vec<Piece<'a>>,
    /// The query pairs every call sends: (name, value pieces).
    pub query: Vec<(&'a str, Vec<Piece<'a>>)>,
    /// The parameters' names, the path's first.
    pub params: Vec<&'a str>,
}

impl Filling<'_> {
    /// How many of the parameters fill the path (the others fill the query).
    pub fn path_params(&self) -> usize {
        self.path
            .iter()
            .filter(|p| matches!(p, Piece::Param(_) | Piece::Path(_)))
            .count()
    }
}

/// Where a placeholder of a template sits, for the docs of its argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A whole segment after `before` (`messages` of `/messages/{id}`), or the path below it
    /// (`root:/{item-path}:`) when `below`.
    Segment {
        /// The segment before, as written (`messages`), or the item's (`root`) for a path.
        before: String,
        /// Whether the placeholder is a path below that item, not a key.
        below: bool,
    },
    /// Inside a segment with other text (`range(address='{address}')`), as written.
    Within {
        /// The segment, as written.
        segment: String,
    },
    /// The value of a query pair every call sends (`startDateTime`).
    Query {
        /// The pair's name.
        name: String,
    },
}

impl PathTemplate {
    /// Where each placeholder sits, in the order of `params`: the path's, then the query's.
    pub fn places(&self) -> Vec<Place> {
        let mut out = Vec::new();
        for (k, seg) in self.segments.iter().enumerate() {
            for (i, part) in seg.iter().enumerate() {
                if !matches!(part, Part::Param(_)) {
                    continue;
                }
                let before = || {
                    k.checked_sub(1)
                        .and_then(|b| self.segments.get(b))
                        .map(|b| render_parts(b))
                        .unwrap_or_default()
                };
                out.push(if is_path_address(seg, i) {
                    let own: Vec<Part> = seg.iter().take(i).cloned().collect();
                    let own = render_parts(&own);
                    let own = own.trim_end_matches([':', '/']);
                    Place::Segment {
                        before: if own.is_empty() {
                            before()
                        } else {
                            own.to_string()
                        },
                        below: true,
                    }
                } else if seg.len() == 1 {
                    Place::Segment {
                        before: before(),
                        below: false,
                    }
                } else {
                    Place::Within {
                        segment: render_parts(seg),
                    }
                });
            }
        }
        for q in &self.query {
            for part in &q.value {
                if matches!(part, Part::Param(_)) {
                    out.push(Place::Query {
                        name: q.name.clone(),
                    });
                }
            }
        }
        out
    }

    /// The one walk over a template's parts that pairs each placeholder with its parameter:
    /// what a call fills in, in order.
    pub fn filling(&self) -> Filling<'_> {
        let t = self;
        let mut path = Vec::new();
        let mut literal = String::new();
        let mut params = Vec::new();
        let mut p = t.params.iter();
        for seg in &t.segments {
            literal.push('/');
            for (i, part) in seg.iter().enumerate() {
                match part {
                    Part::Literal(l) => literal.push_str(l),
                    Part::Param(_) => {
                        if let Some(param) = p.next() {
                            if !literal.is_empty() {
                                path.push(Piece::Literal(std::mem::take(&mut literal)));
                            }
                            path.push(if is_path_address(seg, i) {
                                Piece::Path(&param.name)
                            } else {
                                Piece::Param(&param.name)
                            });
                            params.push(param.name.as_str());
                        }
                    }
                }
            }
        }
        if path.is_empty() && literal.is_empty() {
            literal.push('/');
        }
        if !literal.is_empty() {
            path.push(Piece::Literal(literal));
        }
        // The query pairs every call of the template sends, placeholders filled in (the runtime
        // encodes the query).
        let mut query = Vec::new();
        for q in &t.query {
            let mut value = Vec::new();
            for part in &q.value {
                match part {
                    Part::Literal(l) => value.push(Piece::Literal(l.clone())),
                    Part::Param(_) => {
                        if let Some(param) = p.next() {
                            value.push(Piece::Param(&param.name));
                            params.push(param.name.as_str());
                        }
                    }
                }
            }
            query.push((q.name.as_str(), value));
        }
        Filling {
            path,
            query,
            params,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_queries_are_told_by_their_last_segment() {
        let at = || Location {
            file: String::new(),
            line: 1,
            col: 1,
        };
        let t = |m, p: &str| PathTemplate::parse(m, p, at()).map(|t| t.is_delta());
        assert_eq!(t(Method::Get, "/users/delta"), Ok(true));
        assert_eq!(
            t(Method::Get, "/me/drive/root/delta(token='{token}')"),
            Ok(true)
        );
        assert_eq!(t(Method::Get, "/groups/microsoft.graph.delta()"), Ok(true));
        assert_eq!(t(Method::Get, "/users/{id}/deltas"), Ok(false));
        assert_eq!(t(Method::Get, "/delta/users"), Ok(false));
        assert_eq!(t(Method::Post, "/users/delta"), Ok(false));
    }

    /// A literal of the template that ends inside a wide character of the example's text was
    /// compared by a byte slice (a panic); it is no match.
    #[test]
    fn a_literal_ending_inside_a_character_is_no_match() {
        let t = parse_template("/me/messages");
        assert_eq!(match_path(&t, &parse_path("/me/messa\u{e9}\u{e9}")), None);
        assert_eq!(match_path(&t, &parse_path("/me/MESSAGES")), Some(vec![]));
    }

    #[test]
    fn targets_and_templates() {
        // A URL in the query is a value, not the target's host.
        let (p, q) = split_target("/groups/{id}/acceptedSenders/$ref?$id=https://graph.microsoft.com/v1.0/users/{user-id}");
        assert_eq!(
            (p.as_str(), q.as_deref()),
            (
                "/groups/{id}/acceptedSenders/$ref",
                Some("$id=https://graph.microsoft.com/v1.0/users/{user-id}")
            )
        );
        let kept = template_query(q.as_deref().unwrap_or_default());
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].name, "$id");
        assert_eq!(
            match_query(
                &kept,
                &[(
                    "$id".into(),
                    "https://graph.microsoft.com/v1.0/users/u1".into()
                )]
            ),
            Some(vec!["u1".into()])
        );
        assert_eq!(match_query(&kept, &[]), None);
        assert!(template_query("$filter=x eq {y}&$top=5&$expand=a").is_empty());
        assert!(template_query("includeHiddenFolders=true").is_empty());
        assert_eq!(
            not_a_path(&parse_template(
                "/r/resizedRange(deltaRows={n}, deltaColumns={n})"
            )),
            None
        );
        assert_eq!(
            not_a_path(&parse_path("/me/a/{id}/.../b")),
            Some("...".into())
        );
        assert_eq!(not_a_path(&parse_path("/me/a/{id | name}/b")), None);
        let (p, q) = split_target("https://graph.microsoft.com/v1.0/me/messages?$select=subject");
        assert_eq!(
            (p.as_str(), q.as_deref()),
            ("/me/messages", Some("$select=subject"))
        );
        let t = parse_path("/users/{id | userPrincipalName}/messages/{id}/send");
        assert_eq!(t.len(), 5);
        assert_eq!(t[1], vec![Part::Param("id | userPrincipalName".into())]);
        let e = parse_path("/users/a@b.com/messages/AAMk=/send");
        assert_eq!(
            match_path(&t, &e),
            Some(vec!["a@b.com".into(), "AAMk=".into()])
        );
        assert_eq!(match_path(&t, &parse_path("/users/a/events/b/send")), None);
    }

    #[test]
    fn drive_paths_are_one_segment() {
        let t = parse_path("/me/drive/root:/{item-path}:/content");
        assert_eq!(t.len(), 4);
        let e = parse_path("/me/drive/root:/Documents/Q1 report.docx:/content");
        assert_eq!(
            match_path(&t, &e),
            Some(vec!["Documents/Q1 report.docx".into()])
        );
    }

    #[test]
    fn mixed_segments_match() {
        let t = parse_template("/me/getX(count=n,on='parameterValue')/charts(<name>)");
        assert_eq!(
            t[1],
            vec![
                Part::Literal("getX(count=".into()),
                Part::Param("count".into()),
                Part::Literal(",on='".into()),
                Part::Param("on".into()),
                Part::Literal("')".into()),
            ]
        );
        assert_eq!(
            match_path(
                &t,
                &parse_path("/me/getX(count=2,on='reviewer')/charts(Chart1)")
            ),
            Some(vec!["2".into(), "reviewer".into(), "Chart1".into()])
        );
        assert_eq!(
            parse_template("/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/x")[1],
            vec![Part::Param("acdefc6b-2dc6-4e71-b1e9-6d9810ab1793".into())]
        );
        assert_eq!(
            parse_template("/planner/tasks/<id>")[2],
            vec![Part::Param("id".into())]
        );
        // Placeholders in braces are left to `parse_path`.
        assert_eq!(parse_template("/a/f(x={x})"), parse_path("/a/f(x={x})"));
        assert_eq!(
            split_target("https://graph.microsoft.com/V1.0/domains").0,
            "/domains"
        );
        let t = parse_path("/reports/getX(period='{period_value}')");
        let e = parse_path("/reports/getX(period='D7')");
        assert_eq!(match_path(&t, &e), Some(vec!["D7".into()]));
    }

    #[test]
    fn params_are_named_after_their_collection() {
        let p = path_params(
            &parse_path("/users/{id | userPrincipalName}/messages/{id}/send"),
            &[],
        );
        let names: Vec<_> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["user_id", "message_id"]);
        let p = path_params(&parse_path("/chats/{chatId}/members/{id}"), &[]);
        let names: Vec<_> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["chat_id", "member_id"]);
    }
}
