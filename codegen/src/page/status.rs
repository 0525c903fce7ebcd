//! The success status an operation documents: what the prose claims and what the examples show.
//! The Response prose is normative: when prose and an example disagree, `check::status` reports
//! `status-mismatch` naming both, and the operation's `success_status`, its rustdoc and its
//! conformance test follow the prose (the seed: 202, no body, `Ok(())`); without a claim, the
//! first 2xx example, else a documented redirect (a download's `302` + `Location`). Any 2xx is
//! success at run time. A `202 Accepted` whose page says where to follow it (a `Location` or
//! `Operation-Location` header in a 202 example response, else named in the Response prose:
//! header names are protocol, kept by translations; `Success::follow`) returns `Accepted`, and
//! its conformance test asserts the documented location.

use super::resource::resolve_link;
use super::text::names_word;
use crate::ir::*;
use crate::read::extract::Page;
use crate::read::rules::{self, Section};
use crate::read::source::SourceFile;

/// The success status the Response prose names, with the location of its digits.
fn prose_status(src: &SourceFile, page: &Page) -> Option<StatusClaim> {
    for p in page.paragraphs_in(Section::Response) {
        let raw = src.text.get(p.raw.clone())?;
        let lower = raw.to_lowercase();
        // The words of a claim, or, in any language, a status with its HTTP reason phrase
        // (`200 OK`, `204 No Content`), which translations keep.
        if !rules::STATUS_CLAIM.in_text(&lower) && !has_reason_phrase(&lower) {
            continue;
        }
        let bytes = raw.as_bytes();
        for (i, w) in bytes.windows(3).enumerate() {
            let boundary_before = i
                .checked_sub(1)
                .and_then(|b| bytes.get(b))
                .is_none_or(|b| !b.is_ascii_alphanumeric());
            let boundary_after = bytes.get(i + 3).is_none_or(|b| !b.is_ascii_alphanumeric());
            let &[a, b, c] = w else { continue };
            if a == b'2'
                && b.is_ascii_digit()
                && c.is_ascii_digit()
                && boundary_before
                && boundary_after
            {
                let status = (a - b'0') as u16 * 100 + (b - b'0') as u16 * 10 + (c - b'0') as u16;
                return Some(StatusClaim {
                    status,
                    location: src.locate(p.raw.start + i),
                });
            }
        }
    }
    None
}

/// The redirect the Response prose documents as the success when it names no 2xx: a `3xx`
/// status with its reason phrase (`returns a 302 Found response that redirects to ... the
/// Location header`), as downloads write it; read from the prose, so that an example annotated
/// `ignored` takes nothing from the operation.
fn prose_redirect(src: &SourceFile, page: &Page) -> Option<StatusClaim> {
    for p in page.paragraphs_in(Section::Response) {
        let raw = src.text.get(p.raw.clone())?;
        // ASCII only, so that an offset in it is one in the page.
        let lower = raw.to_ascii_lowercase();
        for status in [301u16, 302, 303, 307] {
            let claim = format!("{status} {}", reason(status).to_lowercase());
            if let Some(i) = lower.find(&claim) {
                return Some(StatusClaim {
                    status,
                    location: src.locate(p.raw.start + i),
                });
            }
        }
    }
    None
}

/// Whether lower-cased text writes a success status followed by its reason phrase.
fn has_reason_phrase(lower: &str) -> bool {
    lower.match_indices('2').any(|(i, _)| {
        let Some(status) = lower.get(i..i + 3).and_then(|d| d.parse::<u16>().ok()) else {
            return false;
        };
        let after = lower
            .get(i + 3..)
            .unwrap_or_default()
            .trim_start_matches([' ', ',']);
        let phrase = reason(status).to_lowercase();
        !phrase.is_empty() && after.starts_with(&phrase)
    })
}

pub(super) fn response_says_no_body(page: &Page) -> bool {
    page.paragraphs_in(Section::Response).any(|p| {
        let t = p.text.to_lowercase();
        rules::NO_BODY.in_text(&t)
    })
}

pub(super) fn success(src: &SourceFile, page: &Page, all: &[Example]) -> Success {
    let prose = prose_status(src, page).or_else(|| prose_redirect(src, page));
    let examples = all;
    let examples: Vec<StatusClaim> = examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .filter(|r| (200..300).contains(&r.status))
        .map(|r| StatusClaim {
            status: r.status,
            location: r.location.clone(),
        })
        .collect();
    // Downloads document their success as a redirect to the content (`302 Found` + Location).
    let redirect = || {
        all.iter()
            .filter_map(|e| e.response.as_ref())
            .find(|r| {
                (300..400).contains(&r.status)
                    && !r.expect_error
                    && r.headers
                        .iter()
                        .any(|(k, _)| k.eq_ignore_ascii_case("location"))
            })
            .map(|r| r.status)
    };
    let status = prose
        .as_ref()
        .map(|p| p.status)
        .or_else(|| examples.first().map(|e| e.status))
        .or_else(redirect);
    // A `202` beside another success: an example of the page's own requests shows one, or the
    // Response prose names it.
    let accepted_too = all
        .iter()
        .filter(|e| e.request.template.is_some())
        .filter_map(|e| e.response.as_ref())
        .any(|r| r.status == 202)
        || page
            .paragraphs_in(Section::Response)
            .any(|p| names_word(&p.text, "202"));
    Success {
        follow: (status == Some(202) || accepted_too)
            .then(|| follow_header(src, page, all))
            .flatten(),
        status,
        prose,
        examples,
    }
}

/// Where a `202 Accepted` says to follow its operation: a header of a 202 example response,
/// else a header the Response prose names (`returns ... a \`Location\` header`). Header names
/// are protocol, not prose: translations keep them.
fn follow_header(src: &SourceFile, page: &Page, all: &[Example]) -> Option<FollowHeader> {
    let shown = all
        .iter()
        .filter_map(|e| e.response.as_ref())
        .filter(|r| r.status == 202)
        .flat_map(|r| r.headers.iter())
        .find_map(|(k, _)| {
            FollowHeader::ALL
                .into_iter()
                .find(|h| k.eq_ignore_ascii_case(h.as_str()))
        });
    shown.or_else(|| {
        page.paragraphs_in(Section::Response).find_map(|p| {
            let raw = src.text.get(p.raw.clone())?;
            FollowHeader::ALL
                .into_iter()
                .find(|h| names_word(raw, h.as_str()))
        })
    })
}

/// What the Response prose says comes back where no example shows it: the resource of the one
/// resource page linked by a paragraph that names the success status (`returns a \`200 OK\`
/// response code and [profilePhoto](../resources/profilephoto.md) object`), as the page's file
/// stem (`resolve` maps a stem to the resource of its page); a collection when the paragraph
/// says so. A paragraph that links two types (`a [user] or [group] object`) says neither.
pub(super) fn response_prose_shape(
    src: &SourceFile,
    page: &Page,
    status: u16,
    vocab: &super::Vocabulary,
) -> Option<BodyShape> {
    let code = status.to_string();
    page.paragraphs_in(Section::Response).find_map(|p| {
        if !names_word(&p.text, &code) {
            return None;
        }
        let mut pages = p
            .links
            .iter()
            .map(|l| resolve_link(&src.path, l))
            .filter(|l| l.starts_with("resources/") && l.ends_with(".md"));
        let first = pages.next()?;
        if pages.any(|l| l != first) {
            return None;
        }
        let stem = first.strip_prefix("resources/")?.strip_suffix(".md")?;
        Some(BodyShape {
            resource: Some(stem.to_string()),
            collection: vocab.says_collection(&p.text),
            ..BodyShape::default()
        })
    })
}

/// The resource page the Response prose links to (`collection of [attachment](../resources/attachment.md)
/// objects`), relative to the docs root.
pub(super) fn response_prose_page(src: &SourceFile, page: &Page) -> Option<String> {
    page.paragraphs_in(Section::Response)
        .flat_map(|p| p.links.iter())
        .map(|l| resolve_link(&src.path, l))
        .find(|l| l.starts_with("resources/") && l.ends_with(".md"))
}
