//! What each conformance test sends, replays and asserts, decided from the IR before any token is
//! printed: an example test (or the reason the example gets none) and a request-shape test per
//! template that no example exercises. `emit::cases` prints these plans and decides nothing; the
//! `Manifest` (`conformance.json`) says which test checks which example, and why the others got
//! none, for `run::conformance`. Every skip reason names the diagnostic codes that cause it.
//!
//! An example test: the mock (wiremock on 127.0.0.1) answers with the documented success status
//! and the example's headers and body; the test calls the method through its chain with the
//! example's path values, query (through the typed builders where the page documents the
//! option) and headers (its body decoded into the typed model), then asserts method,
//! percent-encoded path (computed here by an encoder apart from the runtime's, so each checks
//! the other), query pairs (order-insensitive), bearer token, forwarded headers, JSON body
//! (semantic: member order and number spelling aside; a documented `null` must be sent as `null`,
//! and nothing else may be), and the response: `()` for no content, or a round trip of the
//! decoded model that keeps every documented member (a subset for `truncated` examples), with no
//! member the resource pages document for the value's type (or each item's) left in
//! `additional_properties`; for a polymorphic base, each item decoded as the derived type its
//! `@odata.type` names; for a delta query, the items marked `removed` are exactly those the
//! example shows with `@removed`; for a `202` to follow, the documented location.
//! - A further response documented for the same request (`more_responses`) is a test of its own.
//! - An error example (`expectError` or a 4xx/5xx status) replays its status and body and asserts
//!   `Error::Service` with the documented `error.code` (retries off, so one request).
//! - A download whose documented success is a redirect (`302` + `Location`) replays it to the
//!   mock's own content path, and asserts the first request and the bytes the method returns.
//! - An upload page's `PUT {uploadUrl}` + `Content-Range` example (`upload_test`) is replayed
//!   through `client.upload(url).send_range(..)` on a second mock host, asserting the range, the
//!   bytes, the expected ranges or the item, and that neither the token nor any request reached
//!   the API's host.
//! - A template whose request another page's call makes is tested through that call, asserting
//!   its own template.
//! - A request-shape test calls the method with sample values that need percent-encoding
//!   (`sample-<param>/=`) and asserts method, encoded path and bearer against a minimal success.

use super::calls::{CallPath, Named};
use super::naming;
use super::returns::{returns, sends, Returns, Sends};
use super::Plan;
use crate::base::{BlockId, Code};
use crate::ir::names::fold;
use crate::ir::template::{self, Piece};
use crate::ir::{
    BodyShape, Example, Operation, PathTemplate, Primitive, QueryOption, TypeRef, TypedHeader,
};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::collections::BTreeSet;

/// Which test checks which example, and which examples got none and why: `conformance.json`
/// in the generated crate, read by `cargo xtask conformance` to account for every example.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// The examples that got a test.
    pub tests: Vec<ManifestEntry>,
    /// The examples that got none, with the reason.
    pub skipped: Vec<ManifestEntry>,
    /// Request-shape tests of templates that no example exercises.
    #[serde(default)]
    pub shapes: Vec<ShapeEntry>,
}

/// A request-shape test of a template that no example exercises.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ShapeEntry {
    /// The test's path in the test binary.
    pub test: String,
    /// The id of the operation.
    pub operation: String,
    /// The page of the operation.
    pub page: String,
    /// Line of the template.
    pub line: u32,
    /// `METHOD /template`.
    pub request: String,
}

/// One documented example and the test that checks it, if any.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ManifestEntry {
    /// The test's path in the test binary (`cases::message_send_send_draft_message`).
    pub test: Option<String>,
    /// The id of the operation the example calls.
    pub operation: String,
    /// The example's name in its annotation.
    pub example: Option<String>,
    /// The page the example is written on.
    pub page: String,
    /// Lines of the request and response blocks.
    pub request_line: u32,
    /// Line of the response block, when the request has one.
    pub response_line: Option<u32>,
    /// Why an example has no test.
    pub reason: Option<String>,
    /// The diagnostic codes that, found at the example, are the cause it has no test (most
    /// specific first); none for a generator limitation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<String>,
}

impl ManifestEntry {
    /// The example's blocks: its request's and, when it has one, its response's.
    pub fn blocks(&self) -> Vec<BlockId> {
        let block = |line| BlockId {
            page: self.page.clone(),
            line,
        };
        std::iter::once(self.request_line)
            .chain(self.response_line)
            .map(block)
            .collect()
    }
}

/// Why an example gets no test, and which findings of the docs would be the cause.
#[derive(Debug)]
pub(crate) struct Skip {
    reason: String,
    causes: Vec<Code>,
}

/// A skip that only these findings (at the example, or for a page-level code, on its page)
/// explain; with none, the generator does not handle the example yet.
fn skip(reason: impl Into<String>, causes: &[Code]) -> Skip {
    Skip {
        reason: reason.into(),
        causes: causes.to_vec(),
    }
}

/// Every test of the crate, by the index of its operation, and the manifest that accounts for
/// every example.
pub struct Cases<'a> {
    /// One test per documented example the client can call.
    pub tests: Vec<(usize, ExampleTest<'a>)>,
    /// One test per documented upload of a range.
    pub uploads: Vec<(usize, UploadTest)>,
    /// One request-shape test per template that no example exercises.
    pub shapes: Vec<(usize, ShapeTest<'a>)>,
    /// The examples that got no test: a line each, saying why.
    pub skipped: Vec<(usize, String)>,
    /// `conformance.json`.
    pub manifest: Manifest,
}

/// Decides every test of the crate.
pub fn plan<'a>(plan: &'a Plan) -> Cases<'a> {
    let mut cases = Cases {
        tests: Vec::new(),
        uploads: Vec::new(),
        shapes: Vec::new(),
        skipped: Vec::new(),
        manifest: Manifest::default(),
    };
    // Test names are made unique in order.
    let mut used = BTreeSet::new();
    for (i, op) in plan.api.operations.iter().enumerate() {
        // A further response documented for the same request is a test of its own.
        let examples = op.examples.iter().enumerate().flat_map(|(n, ex)| {
            std::iter::once((n, std::borrow::Cow::Borrowed(ex))).chain(
                ex.more_responses.iter().map(move |r| {
                    let mut further = ex.clone();
                    further.response = Some(r.clone());
                    further.more_responses.clear();
                    (n, std::borrow::Cow::Owned(further))
                }),
            )
        });
        for (n, ex) in examples {
            cases.example(plan, i, n, ex.as_ref(), &mut used);
        }
        for ti in 0..op.templates.len() {
            cases.shape(plan, i, ti, &mut used);
        }
    }
    cases
}

impl<'a> Cases<'a> {
    /// The test of example `n` of operation `i`, or the reason it gets none.
    fn example(
        &mut self,
        plan: &'a Plan,
        i: usize,
        n: usize,
        ex: &Example,
        used: &mut BTreeSet<String>,
    ) {
        let Some(op) = plan.api.operations.get(i) else {
            return;
        };
        let mut entry = ManifestEntry {
            test: None,
            operation: op.id.clone(),
            example: ex.name.clone(),
            // The page the example is written on (an example may show another page's call).
            page: ex.request.location.file.clone(),
            request_line: ex.request.location.line,
            response_line: ex.response.as_ref().map(|r| r.location.line),
            reason: None,
            causes: Vec::new(),
        };
        if let Some(planned) = upload_test(op, n, ex, used) {
            entry.test = Some(format!("cases::{}", planned.name));
            self.uploads.push((i, planned));
            self.manifest.tests.push(entry);
            return;
        }
        match example_test(plan, i, op, n, ex, used) {
            Ok(planned) => {
                entry.test = Some(format!("cases::{}", planned.call.name));
                self.tests.push((i, planned));
                self.manifest.tests.push(entry);
            }
            Err(Skip { reason, causes }) => {
                self.skipped.push((
                    i,
                    format!(
                        "- `{}` ({}): {reason}",
                        plan.cite(&ex.request.location.file, ex.request.location.line),
                        op.id
                    ),
                ));
                entry.reason = Some(reason);
                entry.causes = causes.iter().map(|c| c.as_str().to_string()).collect();
                self.manifest.skipped.push(entry);
            }
        }
    }

    /// The request-shape test of template `ti` of operation `i`, when no example exercises it.
    fn shape(&mut self, plan: &'a Plan, i: usize, ti: usize, used: &mut BTreeSet<String>) {
        let Some((op, t)) = plan
            .api
            .operations
            .get(i)
            .and_then(|op| Some((op, op.templates.get(ti)?)))
        else {
            return;
        };
        let exercised = op.examples.iter().any(|e| {
            e.request.other_host.is_none()
                && e.request.template.as_ref().is_some_and(|(x, _)| *x == ti)
        });
        if exercised {
            return;
        }
        if let Some(planned) = shape_test(plan, i, op, ti, used) {
            self.manifest.shapes.push(ShapeEntry {
                test: format!("cases::{}", planned.call.name),
                operation: op.id.clone(),
                page: op.page.clone(),
                line: t.location.line,
                request: format!("{} {}", t.method, t.raw),
            });
            self.shapes.push((i, planned));
        }
    }
}

/// RFC 3986 unreserved characters stay; everything else is encoded. Written here independently of
/// the runtime's encoder so that each checks the other.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Request headers the tests do not forward: the client sets them itself (and the tests assert
/// the ones that matter), or they describe the transport rather than the call.
const NOT_FORWARDED: &[&str] = &["authorization", "content-type", "content-length", "host"];

/// The value a test gives a required header that its example does not show.
const SAMPLE_HEADER: &str = "W/\"sample\"";

/// What the URL parser encodes in the literal text of a path (the WHATWG path percent-encode
/// set): the runtime sends template literals as written, so a test expects them so encoded.
const LITERAL: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The value a test passes for a placeholder that the example leaves as a placeholder. It holds
/// characters that must be percent-encoded, so every such test also checks path encoding.
fn sample_value(param: &str) -> String {
    format!("sample-{param}/=")
}

fn encode(value: &str) -> String {
    if value == "." || value == ".." {
        return value.replace('.', "%2E");
    }
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// The call a test makes and the request line it expects.
#[derive(Debug)]
pub struct Call<'a> {
    /// The test's function name, unique in the file.
    pub name: String,
    pub docs: Vec<String>,
    /// The operation whose call it is (another page's when two document one request).
    pub op_index: usize,
    /// The steps to the call; each takes as many of `args` as it has arguments.
    pub steps: Vec<&'a Named>,
    /// The final call, which takes the rest of `args`.
    pub method: &'a str,
    pub http_method: &'a str,
    /// The values of the template's placeholders, in order (path, then query).
    pub args: Vec<String>,
    /// The percent-encoded path the client must request.
    pub path: String,
    /// What the call sends as its body.
    pub body: Body,
    /// The values of the headers its page marks required: arguments after the body.
    pub header_args: Vec<String>,
}

/// The body argument of a call.
#[derive(Debug, PartialEq)]
pub enum Body {
    None,
    /// `{}`, which the call sends without an argument.
    Empty,
    /// File content, the example's text byte for byte; `None` in a shape test (a sample).
    Bytes(Option<String>),
    /// JSON text the test decodes into the operation's request type: the example's body, or a
    /// sample; `documented` when the client must send exactly it.
    Json {
        text: String,
        documented: bool,
    },
}

/// A setter of the call for a query option the example shows.
#[derive(Debug, PartialEq)]
pub enum QuerySetter {
    /// The typed builder of a documented option (`$top=2` -> `.top(2)`).
    List(&'static str, Vec<String>),
    Text(&'static str, String),
    Number(&'static str, u32),
    Count(bool),
    /// `.query(name, value)`, for everything else.
    Raw(String, String),
}

/// What the client must make of the replayed response.
#[derive(Debug)]
pub enum Expect {
    /// The service error, with the documented code when the body has one.
    Error { code: Option<String> },
    /// The bytes of the content the redirect leads to.
    Redirected,
    /// `()`.
    Nothing,
    /// A long-running operation's `Accepted`, with the location the example's header shows
    /// (none when only the prose names the header); `outcome` when the call returns an
    /// `Outcome` of which it is the `Accepted` arm.
    Accepted {
        location: Option<String>,
        outcome: bool,
    },
    /// The documented bytes, or none when no body is documented.
    Bytes { documented: bool },
    /// The documented JSON decoded into `shape` and back, with no documented property left in
    /// `additional_properties` (`typed`) and each item of a polymorphic base decoded as the
    /// derived type its `@odata.type` names (`derived`: item index in a collection, type).
    Json {
        shape: BodyShape,
        /// The items are a delta query's (`Page<Delta<T>>`).
        delta: bool,
        /// The call returns an `Outcome`, of which this is the `Done` arm.
        outcome: bool,
        truncated: bool,
        typed: bool,
        derived: Vec<(Option<usize>, String)>,
    },
}

/// A request header an example sends: by its typed setter when the operation documents it.
#[derive(Debug)]
pub struct HeaderSetter {
    pub name: String,
    pub value: String,
    pub typed: Option<TypedHeader>,
    /// A required header: an argument of the call, not a setter.
    pub argument: bool,
}

/// A test of one documented example.
#[derive(Debug)]
pub struct ExampleTest<'a> {
    pub call: Call<'a>,
    pub info_const: &'a str,
    pub query: Vec<QuerySetter>,
    /// The query pairs the client must send.
    pub expected_query: Vec<(String, String)>,
    /// The example's request headers the call sets and the client must send.
    pub headers: Vec<HeaderSetter>,
    /// The status the mock replays, and the success status the info constant must document.
    pub status: u16,
    pub success_status: Option<u16>,
    pub response_headers: Vec<(String, String)>,
    pub response_body: Option<String>,
    /// The mock answers with a redirect to its own content, which the client follows.
    pub redirect: bool,
    pub expect: Expect,
}

/// What the mock of a shape test answers.
#[derive(Debug, PartialEq)]
pub enum Replay {
    Empty,
    Object,
    EmptyPage,
}

/// A request-shape test of a template no example exercises.
#[derive(Debug)]
pub struct ShapeTest<'a> {
    pub call: Call<'a>,
    pub expected_query: Vec<(String, String)>,
    pub status: u16,
    pub redirect: bool,
    pub replay: Replay,
}

/// A test of an example that sends one range of a file to an upload session's URL: another
/// host, pre-authenticated (`PUT {uploadUrl}` with `Content-Range`), which the client reaches
/// through `client.upload(url).send_range(..)`.
#[derive(Debug)]
pub struct UploadTest {
    pub name: String,
    pub docs: Vec<String>,
    /// The upload URL's path and query, as documented.
    pub path: String,
    /// The upload URL as documented (the test puts its mock host in its place).
    pub url: String,
    /// `Content-Range: bytes {offset}-{end}/{total}`.
    pub offset: u64,
    pub end: u64,
    pub total: u64,
    pub status: u16,
    pub response_headers: Vec<(String, String)>,
    pub response_body: Option<String>,
    pub expect: UploadExpect,
}

/// What the session's documented answer decodes to.
#[derive(Debug, PartialEq)]
pub enum UploadExpect {
    /// `202`: the ranges it still expects.
    Expecting(Vec<String>),
    /// `200`/`201`: the item, compared as documented (a subset when `truncated`).
    Done { truncated: bool },
}

/// The upload test of an example that PUTs a `Content-Range` to another host and documents a
/// success, if it is one.
pub fn upload_test(
    op: &Operation,
    n: usize,
    ex: &Example,
    used: &mut BTreeSet<String>,
) -> Option<UploadTest> {
    let req = &ex.request;
    req.other_host.as_ref()?;
    if req.method != crate::base::Method::Put {
        return None;
    }
    let range = req
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-range"))
        .map(|(_, v)| v.as_str())?;
    let (offset, end, total) = content_range(range)?;
    let response = ex.response.as_ref()?;
    let body = response.body.as_ref().map(|b| &b.value);
    let expect = match response.status {
        202 => UploadExpect::Expecting(
            body?
                .get("nextExpectedRanges")?
                .as_array()?
                .iter()
                .map(|r| r.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()?,
        ),
        200 | 201 => UploadExpect::Done {
            truncated: response.truncated,
        },
        _ => return None,
    };
    let after_host = req.target.split_once("://").map_or("", |(_, rest)| rest);
    let path = match after_host.find('/') {
        Some(i) => after_host.get(i..).unwrap_or("/").to_string(),
        None => "/".to_string(),
    };
    let base = format!(
        "{}_upload_range_{}",
        op.id,
        ex.name.as_deref().unwrap_or("")
    );
    let name = unique_name(&format!("{base}_{n}"), used);
    Some(UploadTest {
        docs: vec![format!(
            "`{}` ({}:{}): the range goes to the upload URL without the token.",
            ex.name.as_deref().unwrap_or("example"),
            req.location.file,
            req.location.line
        )],
        name,
        path,
        url: req.target.clone(),
        offset,
        end,
        total,
        status: response.status,
        response_headers: response
            .headers
            .iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("content-length"))
            .cloned()
            .collect(),
        response_body: body.map(pretty),
        expect,
    })
}

/// `bytes 0-25/128` -> (0, 25, 128), a range inside its file.
fn content_range(value: &str) -> Option<(u64, u64, u64)> {
    let rest = value.trim().strip_prefix("bytes")?.trim();
    let (range, total) = rest.split_once('/')?;
    let (from, to) = range.split_once('-')?;
    let (from, to, total) = (
        from.trim().parse().ok()?,
        to.trim().parse().ok()?,
        total.trim().parse().ok()?,
    );
    (from <= to && to < total).then_some((from, to, total))
}

/// Decides the test of one example, or why it gets none.
pub fn example_test<'a>(
    plan: &'a Plan,
    op_index: usize,
    op: &'a Operation,
    n: usize,
    ex: &Example,
    used: &mut BTreeSet<String>,
) -> Result<ExampleTest<'a>, Skip> {
    // The call keeps the shape an earlier release shipped, which the example no longer shows.
    if let Some(d) = plan.api.shape_deferred(&op.id) {
        return Err(skip(
            format!(
                "held back until the next major release: {} (the call keeps the shipped shape)",
                d.change
            ),
            &[],
        ));
    }
    let called = example_call(plan, op_index, op, ex)?;
    let Called {
        path,
        cop,
        ct,
        values,
    } = called;
    let cop_index = path.fills.op;
    let args = path_arguments(ct, Some(values));
    let body = example_body(plan, cop_index, cop, ct, ex)?;
    let (query, expected_query) = example_query(cop, ct, &args, ex);
    let (headers, header_args) = example_headers(cop, ex);
    let replayed = replayed(plan, op, cop, ct, ex)?;
    let label = ex
        .name
        .clone()
        .unwrap_or_else(|| format!("example_{}", n + 1));
    let name = unique_name(
        &format!("{}_{label}", test_base(&path.steps, path.call)),
        used,
    );
    let mut docs = vec![format!(
        "Example at `{}`, replayed as `{}`.",
        plan.cite(&ex.request.location.file, ex.request.location.line),
        replayed.status
    )];
    if let Some(p) = &ex.request.key_syntax_path {
        docs.push(format!(
            "The example writes the OData key syntax; the client sends the equivalent `{p}`."
        ));
    }
    Ok(ExampleTest {
        call: Call {
            name,
            docs,
            op_index: cop_index,
            method: &path.call.name,
            steps: path.steps,
            http_method: ct.method.as_str(),
            args: args.values,
            path: args.path,
            body,
            header_args,
        },
        info_const: &plan.names(op_index).info_const,
        query,
        expected_query,
        headers,
        status: replayed.status,
        success_status: replayed.success_status,
        response_headers: replayed.headers,
        response_body: replayed.body,
        redirect: replayed.redirect,
        expect: replayed.expect,
    })
}

/// The call an example makes: its chain, and the operation and template the call fills (its
/// own, or another page's when two document one request), with the example's path values.
struct Called<'a, 'e> {
    path: CallPath<'a>,
    cop: &'a Operation,
    ct: &'a PathTemplate,
    values: &'e [String],
}

fn example_call<'a, 'e>(
    plan: &'a Plan,
    op_index: usize,
    op: &'a Operation,
    ex: &'e Example,
) -> Result<Called<'a, 'e>, Skip> {
    if let Some(host) = &ex.request.other_host {
        return Err(skip(
            format!("the example calls {host}, not the API"),
            &[Code::ExampleCallsOtherHost],
        ));
    }
    let (ti, values) = ex.request.template.as_ref().ok_or_else(|| {
        skip(
            "the example URL matches no documented path template",
            &[Code::ExampleUrlMatchesNoTemplate, Code::MissingTemplate],
        )
    })?;
    let t: &PathTemplate = op
        .templates
        .get(*ti)
        .ok_or_else(|| skip("template index out of range", &[]))?;
    if values.len() != t.params.len() {
        return Err(skip(
            "the example fills a different number of placeholders",
            &[],
        ));
    }
    // The call fills its own template: another page's when two document one request.
    let path = plan
        .calls
        .chain(op_index, *ti)
        .ok_or_else(|| skip("the template has no call", &[]))?;
    let cop = plan
        .api
        .operations
        .get(path.fills.op)
        .ok_or_else(|| skip("the call's operation is out of range", &[]))?;
    let ct = cop
        .templates
        .get(path.fills.template)
        .filter(|ct| ct.params.len() == values.len())
        .ok_or_else(|| skip("the call's template takes other placeholders", &[]))?;
    Ok(Called {
        path,
        cop,
        ct,
        values,
    })
}

/// The body an example's call sends: the example's, as the call sends it (`plan::returns`).
fn example_body(
    plan: &Plan,
    cop_index: usize,
    cop: &Operation,
    ct: &PathTemplate,
    ex: &Example,
) -> Result<Body, Skip> {
    match sends(cop, ct) {
        // The file content the example sends, byte for byte.
        Sends::Bytes => {
            let text = ex.request.raw_body.as_deref().ok_or_else(|| {
                skip(
                    "the operation uploads file content but this example sends none",
                    &[Code::RequestExampleWithoutBody],
                )
            })?;
            Ok(Body::Bytes(Some(text.to_string())))
        }
        Sends::Json => {
            let body = ex.request.body.as_ref().ok_or_else(|| {
                skip(
                    "the operation takes a body but this example sends none",
                    &[
                        Code::ExampleBodyInvalidJson,
                        Code::RequestExampleWithoutBody,
                    ],
                )
            })?;
            if plan.request_type(cop_index).is_none() {
                return Err(skip("no request body shape", &[]));
            }
            Ok(Body::Json {
                text: pretty(&body.value),
                documented: true,
            })
        }
        Sends::Empty => Ok(Body::Empty),
        Sends::Nothing if ex.request.body.is_some() => Err(skip(
            format!(
                "the example sends a body, which a documented {} does not take",
                ct.method
            ),
            &[],
        )),
        Sends::Nothing => Ok(Body::None),
    }
}

/// The query options an example's call sets (typed where its page documents the option), and
/// the pairs the client must send: the example's, and the template's with the values the call
/// passed (the example's, or samples for its placeholders), named as the template spells them
/// (`startdatetime` in an example is `startDateTime`). The pairs the template sends are
/// arguments of the method, not options of the call.
fn example_query(
    cop: &Operation,
    ct: &PathTemplate,
    args: &Arguments,
    ex: &Example,
) -> (Vec<QuerySetter>, Vec<(String, String)>) {
    let by_template = |k: &str| ct.query.iter().any(|q| q.name.eq_ignore_ascii_case(k));
    let query = ex
        .request
        .query
        .iter()
        .filter(|(k, _)| !by_template(k))
        .map(|(k, v)| {
            typed_query_option(&cop.query_options, k, v)
                .unwrap_or_else(|| QuerySetter::Raw(k.clone(), v.clone()))
        })
        .collect();
    let expected = ex
        .request
        .query
        .iter()
        .map(|(k, v)| {
            args.query
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(k))
                .map_or((k.clone(), v.clone()), |(name, sent)| {
                    (name.clone(), sent.clone())
                })
        })
        .collect();
    (query, expected)
}

/// The headers an example's call sets: a header the operation's table documents with its typed
/// setter, so the test exercises the typed API, any other with `.header()`; and the values of
/// the required ones, which are arguments (a sample value where the example shows none).
fn example_headers(cop: &Operation, ex: &Example) -> (Vec<HeaderSetter>, Vec<String>) {
    let typed = cop.typed_headers();
    let required = cop.required_headers();
    let mut headers: Vec<HeaderSetter> = ex
        .request
        .headers
        .iter()
        .filter(|(k, _)| !NOT_FORWARDED.contains(&k.to_ascii_lowercase().as_str()))
        .map(|(k, v)| {
            let parsed = TypedHeader::parse(k);
            HeaderSetter {
                name: k.clone(),
                value: v.clone(),
                typed: parsed.filter(|h| typed.contains(h)).filter(|h| {
                    *h != TypedHeader::ConsistencyLevel || v.eq_ignore_ascii_case("eventual")
                }),
                argument: parsed.is_some_and(|h| required.contains(&h)),
            }
        })
        .collect();
    let mut header_args = Vec::new();
    for h in &required {
        let shown = headers
            .iter()
            .find(|s| s.argument && TypedHeader::parse(&s.name) == Some(*h))
            .map(|s| s.value.clone());
        let value = shown.unwrap_or_else(|| {
            headers.push(HeaderSetter {
                name: h.name().to_string(),
                value: SAMPLE_HEADER.to_string(),
                typed: Some(*h),
                argument: true,
            });
            SAMPLE_HEADER.to_string()
        });
        header_args.push(value);
    }
    (headers, header_args)
}

/// What the mock replays for an example and what the test expects the call to return.
struct Replayed {
    status: u16,
    success_status: Option<u16>,
    headers: Vec<(String, String)>,
    body: Option<String>,
    redirect: bool,
    expect: Expect,
}

/// The documented response, replayed with the documented success status (an error example
/// with its own status), and what the client must make of it.
fn replayed(
    plan: &Plan,
    op: &Operation,
    cop: &Operation,
    ct: &PathTemplate,
    ex: &Example,
) -> Result<Replayed, Skip> {
    let response = ex.response.as_ref();
    // An error example: the client must return the service error with the documented code.
    let error = response.filter(|r| r.expect_error || r.status >= 400);
    let op_redirects = cop.success.is_redirect();
    let redirect = response.filter(|r| (300..400).contains(&r.status) && !r.expect_error);
    if let Some(r) = redirect.filter(|_| !op_redirects) {
        return Err(skip(
            format!(
                "the example documents a {} redirect, but the operation's success is not one",
                r.status
            ),
            &[Code::StatusMismatch],
        ));
    }
    // A call that may answer `202 Accepted` instead of its result, shown doing so.
    let accepted = error.is_none()
        && response.is_some_and(|r| r.status == 202)
        && matches!(returns(cop, ct), Returns::JsonOrAccepted(_));
    let status = match error {
        Some(r) => r.status,
        None if accepted => 202,
        None => op.success.status.ok_or_else(|| {
            skip(
                "no success status is documented",
                &[Code::MissingSuccessStatus],
            )
        })?,
    };
    let headers = response
        .map(|r| {
            r.headers
                .iter()
                .filter(|(k, _)| {
                    let dropped = k.eq_ignore_ascii_case("content-length")
                        || k.eq_ignore_ascii_case("content-type")
                        || (redirect.is_some() && k.eq_ignore_ascii_case("location"));
                    !dropped
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let documented = response.and_then(|r| r.body.as_ref());
    let body = documented.map(|b| pretty(&b.value));
    let expect = expected(plan, cop, ct, ex, error.is_some(), body.is_some())?;
    Ok(Replayed {
        status,
        success_status: op.success.status,
        headers,
        body,
        redirect: op_redirects && error.is_none(),
        expect,
    })
}

/// What the client must return for an example's response (`plan::returns` decides the type).
fn expected(
    plan: &Plan,
    cop: &Operation,
    ct: &PathTemplate,
    ex: &Example,
    error: bool,
    has_body: bool,
) -> Result<Expect, Skip> {
    let response = ex.response.as_ref();
    let documented = response.and_then(|r| r.body.as_ref());
    let returned = returns(cop, ct);
    let delta = matches!(returned, Returns::Delta(_));
    let outcome = matches!(returned, Returns::JsonOrAccepted(_));
    let location = || {
        response.and_then(|r| {
            r.headers.iter().find_map(|(k, v)| {
                crate::ir::FollowHeader::ALL
                    .iter()
                    .any(|h| k.eq_ignore_ascii_case(h.as_str()))
                    .then(|| v.clone())
            })
        })
    };
    Ok(match returned {
        _ if error => Expect::Error {
            code: documented
                .and_then(|b| b.value.pointer("/error/code"))
                .and_then(|c| c.as_str())
                .map(str::to_string),
        },
        Returns::Redirected => Expect::Redirected,
        Returns::Nothing => Expect::Nothing,
        Returns::Accepted => Expect::Accepted {
            location: location(),
            outcome: false,
        },
        // The example shows the operation going on in the background.
        Returns::JsonOrAccepted(_) if response.is_some_and(|r| r.status == 202) => {
            Expect::Accepted {
                location: location(),
                outcome: true,
            }
        }
        // A file's bytes, exactly as the mock sent them.
        Returns::Bytes => Expect::Bytes {
            documented: has_body,
        },
        Returns::Json(shape) | Returns::Delta(shape) | Returns::JsonOrAccepted(shape) => {
            let Some(body) = documented else {
                // No response at all, a body that is not JSON, or none shown.
                let causes: &[Code] = match response {
                    None => &[Code::UnpairedRequest],
                    // Or another status than the documented one (`204` for a `200` with a body).
                    Some(_) => &[
                        Code::ExampleBodyInvalidJson,
                        Code::ResponseExampleWithoutBody,
                        Code::StatusMismatch,
                    ],
                };
                return Err(skip("the response example shows no body to decode", causes));
            };
            // Every documented property the response holds decoded into its field.
            let typed = shape.resource.as_deref().is_some_and(|r| {
                plan.type_name(r).is_some() && !plan.enums.contains(&r.to_lowercase())
            });
            Expect::Json {
                derived: derived_types(plan, &shape, &body.value),
                shape,
                delta,
                outcome,
                truncated: response.is_some_and(|r| r.truncated),
                typed,
            }
        }
    })
}

/// Decides the request-shape test of a template, if the client can make its call.
pub fn shape_test<'a>(
    plan: &'a Plan,
    op_index: usize,
    op: &'a Operation,
    ti: usize,
    used: &mut BTreeSet<String>,
) -> Option<ShapeTest<'a>> {
    let t = op.templates.get(ti)?;
    let CallPath {
        steps,
        call: final_call,
        fills,
    } = plan.calls.chain(op_index, ti)?;
    let (cop_index, cti) = (fills.op, fills.template);
    let cop = plan.api.operations.get(cop_index)?;
    let ct = cop.templates.get(cti)?;
    let args = path_arguments(ct, None);
    let body = match sends(cop, ct) {
        Sends::Bytes => Body::Bytes(None),
        Sends::Json => {
            let shape = cop.request_body.as_ref()?;
            plan.request_type(cop_index)?;
            let text = if shape.collection {
                "{\"value\": []}".to_string()
            } else {
                sample_body(plan, cop)
            };
            Body::Json {
                text,
                documented: false,
            }
        }
        Sends::Empty => Body::Empty,
        Sends::Nothing => Body::None,
    };
    let replay = match returns(cop, ct) {
        Returns::Json(shape) if shape.collection => Replay::EmptyPage,
        Returns::Delta(_) => Replay::EmptyPage,
        Returns::Json(_) | Returns::JsonOrAccepted(_) => Replay::Object,
        Returns::Redirected | Returns::Bytes | Returns::Nothing | Returns::Accepted => {
            Replay::Empty
        }
    };
    let name = unique_name(&format!("shape_{}", test_base(&steps, final_call)), used);
    let docs = vec![format!(
        "Request shape of `{} {}` (`{}`), which no example exercises.",
        t.method,
        t.raw,
        plan.cite(&op.page, t.location.line)
    )];
    Some(ShapeTest {
        call: Call {
            name,
            docs,
            op_index: cop_index,
            steps,
            method: &final_call.name,
            http_method: ct.method.as_str(),
            args: args.values,
            path: args.path,
            body,
            // Its required headers, with sample values.
            header_args: cop
                .required_headers()
                .iter()
                .map(|_| SAMPLE_HEADER.to_string())
                .collect(),
        },
        expected_query: args.query,
        status: op.success.status.unwrap_or(200),
        redirect: cop.success.is_redirect(),
        replay,
    })
}

/// What a call passes for a template's placeholders and what it must send for them.
struct Arguments {
    /// The method's arguments, in order (path placeholders, then the query's).
    values: Vec<String>,
    /// The percent-encoded path.
    path: String,
    /// The query pairs the template sends, values filled in (not encoded).
    query: Vec<(String, String)>,
}

/// The arguments of a call (the example's values, or samples for placeholders), the
/// percent-encoded path and the template's query pairs the client must send for them.
/// A test's name: the last step and the call (`message_send`).
fn test_base(steps: &[&Named], call: &Named) -> String {
    match steps.last() {
        Some(step) => format!("{}_{}", step.name.trim_end_matches('_'), call.name),
        None => call.name.clone(),
    }
}

fn path_arguments(t: &PathTemplate, values: Option<&[String]>) -> Arguments {
    let mut plain = Vec::new();
    for (i, param) in t.params.iter().enumerate() {
        let v = match values.and_then(|v| v.get(i)) {
            Some(value) if !template::is_placeholder(value) => {
                percent_decode_str(value).decode_utf8_lossy().into_owned()
            }
            _ => sample_value(&param.name),
        };
        plain.push(v);
    }
    // Values of the path's placeholders come first; the query's follow (`filling` pairs each
    // placeholder with its parameter, in that order).
    let fill = t.filling();
    let mut next = plain.iter();
    let mut path = String::new();
    for piece in &fill.path {
        match piece {
            Piece::Literal(l) => path.push_str(&utf8_percent_encode(l, LITERAL).to_string()),
            Piece::Param(_) => path.push_str(&next.next().map(|v| encode(v)).unwrap_or_default()),
            // A path address keeps its `/`s; each name between them is encoded.
            Piece::Path(_) => {
                let names = next
                    .next()
                    .map(|v| v.trim_matches('/').split('/').map(encode));
                path.push_str(
                    &names
                        .map(|n| n.collect::<Vec<_>>().join("/"))
                        .unwrap_or_default(),
                );
            }
        }
    }
    let query = fill
        .query
        .iter()
        .map(|(name, value)| {
            let value: String = value
                .iter()
                .map(|piece| match piece {
                    Piece::Literal(l) => l.clone(),
                    Piece::Param(_) | Piece::Path(_) => next.next().cloned().unwrap_or_default(),
                })
                .collect();
            (name.to_string(), value)
        })
        .collect();
    Arguments {
        values: plain,
        path,
        query,
    }
}

fn unique_name(base: &str, used: &mut BTreeSet<String>) -> String {
    naming::unique(&naming::snake(base), "_", used)
}

/// JSON that decodes into an operation's request body: its required members with sample values.
fn sample_body(plan: &Plan, op: &Operation) -> String {
    let from_table = plan.index.request_body_from_table(op);
    let mut members = serde_json::Map::new();
    if op
        .request_body
        .as_ref()
        .is_some_and(|b| b.form == crate::ir::BodyForm::Reference)
    {
        members.insert(
            "@odata.id".into(),
            "https://graph.microsoft.com/v1.0/directoryObjects/sample-id".into(),
        );
    }
    if from_table {
        for p in op.body_members().into_iter().filter(|p| op.requires(p)) {
            let value = match &p.ty {
                Some(t) => sample_member(plan, t),
                None => serde_json::Value::Null,
            };
            members.insert(p.name.clone(), value);
        }
    }
    serde_json::Value::Object(members).to_string()
}

fn sample_member(plan: &Plan, ty: &TypeRef) -> serde_json::Value {
    use serde_json::Value;
    match ty {
        TypeRef::Collection(_) => Value::Array(Vec::new()),
        TypeRef::Primitive(p) => match p {
            Primitive::Boolean => Value::Bool(false),
            Primitive::Byte
            | Primitive::SByte
            | Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64
            | Primitive::Single
            | Primitive::Double
            | Primitive::Decimal => Value::from(0),
            Primitive::Json => Value::Null,
            Primitive::String
            | Primitive::Guid
            | Primitive::DateTimeOffset
            | Primitive::Date
            | Primitive::TimeOfDay
            | Primitive::Duration
            | Primitive::Binary
            | Primitive::Stream => Value::from("sample"),
        },
        TypeRef::Named(n) if plan.enums.contains(&fold(n)) => Value::from("sample"),
        TypeRef::Named(n) if plan.type_name(n).is_some() => Value::Object(Default::default()),
        TypeRef::Named(_) => Value::Null,
    }
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// For a response of a polymorphic base: the derived type each documented item must decode as
/// (the one its `@odata.type` names, or the base for a type the docs do not list).
fn derived_types(
    plan: &Plan,
    shape: &BodyShape,
    body: &serde_json::Value,
) -> Vec<(Option<usize>, String)> {
    let Some(resource) = shape.resource.as_deref() else {
        return Vec::new();
    };
    let Some(derived) = plan.index.derived_types(resource) else {
        return Vec::new();
    };
    let base = plan.index.get(resource).map(|r| r.name.clone());
    let expected = |item: &serde_json::Value| -> Option<String> {
        let name = crate::ir::names::resource_name(item.get("@odata.type")?.as_str()?);
        derived
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(&name))
            .map(|d| d.name.clone())
            .or_else(|| base.clone())
    };
    if shape.collection {
        let items = body.get("value").and_then(|v| v.as_array());
        items
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, item)| expected(item).map(|name| (Some(i), name)))
            .collect()
    } else {
        expected(body)
            .map(|name| (None, name))
            .into_iter()
            .collect()
    }
}

/// The typed builder that sets `name=value` when the page documents the option (`$top=2` ->
/// `.top(2)`), so the test checks the builders; `None` leaves it to `.query()`.
fn typed_query_option(documented: &[QueryOption], name: &str, value: &str) -> Option<QuerySetter> {
    let option = QueryOption::parse(name.strip_prefix('$')?)?;
    // The builder sends the option's own spelling: an example that writes another
    // (`$orderBy`) sends it as written, through `.query()`.
    if !documented.contains(&option) || name.get(1..) != Some(option.name()) {
        return None;
    }
    let list = || top_level_items(value);
    Some(match option {
        QueryOption::Select => QuerySetter::List("select", list()),
        QueryOption::Expand => QuerySetter::List("expand", list()),
        QueryOption::OrderBy => QuerySetter::List("order_by", list()),
        QueryOption::Filter => QuerySetter::Text("filter", value.to_string()),
        QueryOption::Search => QuerySetter::Text("search", value.to_string()),
        QueryOption::Top => QuerySetter::Number("top", value.parse::<u32>().ok()?),
        QueryOption::Skip => QuerySetter::Number("skip", value.parse::<u32>().ok()?),
        QueryOption::Count => match value {
            "true" => QuerySetter::Count(true),
            "false" => QuerySetter::Count(false),
            _ => return None,
        },
    })
}

/// The comma-separated items of a list option, commas inside parentheses or quotes kept
/// (`members($select=id,displayName),owners` -> two items).
fn top_level_items(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut quoted = false;
    let mut current = String::new();
    for c in value.chars() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ',' if depth == 0 && !quoted => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_query_options_use_their_builders() {
        let documented = [
            QueryOption::Select,
            QueryOption::Expand,
            QueryOption::Top,
            QueryOption::Count,
        ];
        let set = |k: &str, v: &str| typed_query_option(&documented, k, v);
        assert_eq!(
            set("$select", "subject,isRead"),
            Some(QuerySetter::List(
                "select",
                vec!["subject".into(), "isRead".into()]
            ))
        );
        assert_eq!(set("$top", "5"), Some(QuerySetter::Number("top", 5)));
        assert_eq!(set("$count", "true"), Some(QuerySetter::Count(true)));
        // Not documented, or not a value the builder takes: left to `.query()`.
        assert_eq!(set("$filter", "a eq 1"), None);
        assert_eq!(set("$top", "five"), None);
        assert_eq!(set("$count", "yes"), None);
        assert_eq!(
            top_level_items("members($select=id,displayName),owners"),
            vec!["members($select=id,displayName)", "owners"]
        );
        assert_eq!(top_level_items("'a,b',c"), vec!["'a,b'", "c"]);
    }

    #[test]
    fn paths_are_encoded_and_placeholders_get_samples() {
        let t = PathTemplate::parse(
            crate::base::Method::Get,
            "/me/messages/{id}/attachments/{attachment-id}",
            crate::base::Location {
                file: "x.md".into(),
                line: 1,
                col: 1,
            },
        )
        .unwrap();
        let args = path_arguments(&t, Some(&["a b".into(), "{attachment-id}".into()]));
        assert_eq!(args.values[0], "a b");
        assert_eq!(args.values[1], sample_value(&t.params[1].name));
        assert_eq!(
            args.path,
            format!(
                "/me/messages/a%20b/attachments/sample-{}%2F%3D",
                t.params[1].name
            )
        );
        assert!(args.query.is_empty());
        assert_eq!(encode(".."), "%2E%2E");
    }
}
