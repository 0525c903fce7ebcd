//! HTTP text as written in docs: request lines (their method a `base::Method`), status lines, and
//! the split of a block into header lines and body. Templates and the matching of an example URL
//! against one are `ir::template`.

use crate::base::Method;
use serde::Serialize;

/// `METHOD target [HTTP/x]`. The target keeps inner spaces (`{id | userPrincipalName}`, `$filter=a eq 'b'`).
pub fn request_line(line: &str) -> Option<(Method, String)> {
    let line = line.trim();
    let (method, rest) = line.split_once(|c: char| c.is_whitespace())?;
    let method = Method::parse(method)?;
    let mut target = rest.trim();
    if let Some((t, v)) = target.rsplit_once(' ') {
        if v.starts_with("HTTP/") {
            target = t.trim_end();
        }
    }
    if target.is_empty() {
        return None;
    }
    Some((method, target.to_string()))
}

/// `HTTP/1.1 200 OK`, also `HTTP 201 Created` and a status with no reason.
pub fn status_line(line: &str) -> Option<(u16, String)> {
    let line = line.trim();
    let rest = line.strip_prefix("HTTP")?;
    let rest = match rest.strip_prefix('/') {
        Some(v) => v.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.'),
        None => rest,
    };
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start();
    let (code, reason) = match rest.split_once(' ') {
        Some((c, r)) => (c, r.trim()),
        None => (rest, ""),
    };
    if code.len() != 3 {
        return None;
    }
    let status: u16 = code.parse().ok()?;
    (100..600)
        .contains(&status)
        .then(|| (status, reason.to_string()))
}

/// The parts shared by request and response blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub headers: Vec<(String, String)>,
    /// The body text, empty when there is none.
    pub body: String,
    /// Byte offset of the body inside the fence content.
    #[serde(skip)]
    pub body_offset: usize,
}

/// Splits the lines after the first into headers (up to the first blank line) and body.
fn split_message(content: &str, first_line_end: usize) -> Message {
    let mut headers = Vec::new();
    let mut pos = first_line_end;
    let rest = content.get(first_line_end..).unwrap_or_default();
    let mut body_offset = content.len();
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            pos += line.len();
            body_offset = pos;
            break;
        }
        match trimmed.split_once(':') {
            Some((k, v)) if !k.contains(' ') && !k.starts_with('{') && !k.starts_with('[') => {
                headers.push((k.trim().to_string(), v.trim().to_string()));
                pos += line.len();
            }
            // A body with no blank line before it.
            _ => {
                body_offset = pos;
                break;
            }
        }
    }
    // Skip further blank lines before the body.
    let body = content.get(body_offset..).unwrap_or("");
    let lead = body.len() - body.trim_start().len();
    Message {
        headers,
        body: body.trim().to_string(),
        body_offset: body_offset + lead,
    }
}

/// The first non-blank line and where the line after it starts.
fn first_line(content: &str) -> Option<(&str, usize)> {
    let mut pos = 0;
    for line in content.split_inclusive('\n') {
        pos += line.len();
        if !line.trim().is_empty() {
            return Some((line.trim(), pos));
        }
    }
    None
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    pub method: Method,
    pub target: String,
    #[serde(flatten)]
    pub message: Message,
}

pub fn parse_request(content: &str) -> Option<Request> {
    let (line, end) = first_line(content)?;
    let (method, target) = request_line(line)?;
    Some(Request {
        method,
        target,
        message: split_message(content, end),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    #[serde(flatten)]
    pub message: Message,
}

pub fn parse_response(content: &str) -> Option<Response> {
    let (line, end) = first_line(content)?;
    let (status, reason) = status_line(line)?;
    Some(Response {
        status,
        reason,
        message: split_message(content, end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines() {
        assert_eq!(
            request_line("POST /users/{id | userPrincipalName}/messages/{id}/send"),
            Some((
                crate::base::Method::Post,
                "/users/{id | userPrincipalName}/messages/{id}/send".into()
            ))
        );
        assert_eq!(
            request_line("GET https://x/v1.0/me HTTP/1.1"),
            Some((crate::base::Method::Get, "https://x/v1.0/me".into()))
        );
        assert_eq!(request_line("Content-Type: application/json"), None);
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_line("HTTP/1.1 200 OK"), Some((200, "OK".into())));
        assert_eq!(
            status_line("HTTP 201 Created"),
            Some((201, "Created".into()))
        );
        assert_eq!(status_line("HTTP/1.1 204"), Some((204, "".into())));
        assert_eq!(status_line("HTTP request"), None);
    }

    #[test]
    fn request_with_headers_and_body() {
        let r = parse_request("POST https://graph.microsoft.com/v1.0/me/messages\nContent-type: application/json\n\n{\n  \"subject\": \"x\"\n}\n").unwrap();
        assert_eq!(r.method, Method::Post);
        assert_eq!(
            r.message.headers,
            vec![("Content-type".into(), "application/json".into())]
        );
        assert_eq!(r.message.body, "{\n  \"subject\": \"x\"\n}");
    }

    #[test]
    fn response_without_blank_line_before_body() {
        let r = parse_response("HTTP/1.1 200 OK\nContent-type: application/json\n{\"a\": 1}\n")
            .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.message.body, "{\"a\": 1}");
    }
}
