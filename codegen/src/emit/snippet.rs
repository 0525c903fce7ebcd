//! The Rust a user writes for a documented example, which is also the call its conformance test
//! makes: the chain with the example's path values, the typed query and header setters, and the
//! body as a struct literal of the generated model (`Message { subject: "..".into(),
//! ..Default::default() }`: nested models and enums by name, `Nullable::Null` where the example
//! sends `null`, members the docs do not list in `additional_properties`). The test sends it and
//! compares what the client sent with the documented request, so a snippet that builds another
//! body fails its test: that is the proof a snippet is right. A body that no literal of the model
//! can give exactly (a value of another type than its row's, say) is decoded by the test instead,
//! and the example gets no snippet, with the reason (`Snippet::untyped`).
//!
//! An upload of a range to a session's URL (`upload_call`) is the same call in its test and its
//! snippet; the test binds `url` to its mock host, the snippet to the documented URL.
//!
//! `render` formats a snippet (prettyplease) as the text that a method's rustdoc, the files of
//! `cargo xtask snippets` and the pages' `rust` tabs show.

use super::models::{arms_of, body_fields};
use super::{lit, Ctx};
use crate::ir::names::fold;
use crate::ir::{BodyForm, Primitive, Resource, TypeRef, TypedHeader};
use crate::plan::cases::{Body, Call, ExampleTest, Expect, HeaderSetter, QuerySetter, UploadTest};
use crate::plan::RequestType;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// What a snippet names beside the calls, `use`d at its top.
#[derive(Debug, Default)]
pub(crate) struct Uses {
    /// Models and enums, by their Rust names.
    models: BTreeSet<String>,
    nullable: bool,
    edm: bool,
}

impl Uses {
    /// The `use` items, rooted at the crate `krate` (the prelude for the calls' extension traits).
    /// (A test's module has the prelude already: `prelude` false.)
    pub(crate) fn tokens(&self, krate: &proc_macro2::Ident, prelude: bool) -> TokenStream {
        let mut out = TokenStream::new();
        if prelude {
            out.extend(quote!(use #krate::prelude::*;));
        }
        if !self.models.is_empty() {
            let models = self.models.iter().map(|m| crate::emit::ident(m));
            out.extend(quote!(use #krate::models::{#(#models),*};));
        }
        match (self.edm, self.nullable) {
            (true, true) => out.extend(quote!(use #krate::{edm, Nullable};)),
            (true, false) => out.extend(quote!(use #krate::edm;)),
            (false, true) => out.extend(quote!(use #krate::Nullable;)),
            (false, false) => {}
        }
        out
    }
}

/// An example's call as a user writes it, and the parts only its test adds.
pub(crate) struct Snippet {
    pub uses: Uses,
    /// The statements before the call that make its body (`let body = Message { .. };`, or the
    /// bytes of a file: `let content = "..".as_bytes();`).
    pub setup: TokenStream,
    /// The call up to its `.await`: chain, query options and headers.
    pub call: TokenStream,
    /// Why the example has no snippet: its JSON body is no literal of the model, and the test
    /// decodes it instead.
    pub untyped: Option<String>,
    /// Test only, before `setup`: the documented request body it compares the sent one with.
    pub documented: TokenStream,
    /// Test only, after the call: the check of the body the client sent.
    pub check: TokenStream,
}

/// The snippet of an example's test.
pub(crate) fn snippet(ctx: &Ctx, t: &ExampleTest) -> Snippet {
    let mut uses = Uses::default();
    let body = body(ctx, &t.call, &mut uses);
    let mut call = chain(&t.call, &body.args);
    for s in &t.query {
        let s = setter(s);
        call = quote!(#call #s);
    }
    for h in &t.headers {
        call = header_setter(call, h);
    }
    Snippet {
        uses,
        setup: body.setup,
        call,
        untyped: body.untyped,
        documented: body.documented,
        check: body.check,
    }
}

/// A call's body as its test writes it: the documented text it compares with (test only), the
/// statements that make the value, the call's arguments (path values, the body, required
/// headers), the check of what was sent, and why the body is not a literal, if it is not.
pub(crate) struct BodyArg {
    pub documented: TokenStream,
    pub setup: TokenStream,
    pub args: Vec<TokenStream>,
    pub check: TokenStream,
    pub untyped: Option<String>,
}

pub(crate) fn body(ctx: &Ctx, call: &Call, uses: &mut Uses) -> BodyArg {
    let krate = ctx.lib_ident();
    let root = quote!(#krate);
    let mut out = BodyArg {
        documented: TokenStream::new(),
        setup: TokenStream::new(),
        args: call.args.iter().map(|a| lit(a)).collect(),
        check: TokenStream::new(),
        untyped: None,
    };
    match &call.body {
        Body::None => out.check = quote!(support::assert_no_body(&sent);),
        Body::Empty => out.check = quote!(support::assert_json_body(&sent, "{}", false);),
        Body::Bytes(Some(text)) => {
            let text = lit(text);
            out.setup = quote!(let content = #text.as_bytes(););
            out.args.push(quote!(content));
            out.check = quote!(support::assert_bytes_body(&sent, content););
        }
        Body::Bytes(None) => out.args.push(quote!(b"sample file content".as_slice())),
        Body::Json { text, documented } => {
            let ty = ctx.request_type(call.op_index, &root);
            let text_lit = lit(text);
            out.args.push(quote!(&body));
            let literal = if *documented {
                serde_json::from_str::<Value>(text)
                    .map_err(|e| format!("the body does not parse: {e}"))
                    .and_then(|v| {
                        let mut builder = Builder {
                            ctx,
                            uses: Uses::default(),
                        };
                        let expr = builder.request(call.op_index, &v)?;
                        Ok((expr, builder.uses))
                    })
            } else {
                Err("a sample body".to_string())
            };
            match literal {
                Ok((expr, used)) => {
                    uses.models.extend(used.models);
                    uses.nullable |= used.nullable;
                    uses.edm |= used.edm;
                    out.documented = quote!(let documented_request = #text_lit;);
                    out.setup = quote!(let body = #expr;);
                    out.check =
                        quote!(support::assert_json_body(&sent, documented_request, false););
                }
                Err(why) if *documented => {
                    out.documented = quote!(let documented_request = #text_lit;);
                    out.setup = quote!(let body: #ty = support::decode(documented_request););
                    out.check =
                        quote!(support::assert_json_body(&sent, documented_request, false););
                    out.untyped = Some(why);
                }
                Err(_) => out.setup = quote!(let body: #ty = support::decode(#text_lit);),
            }
        }
    }
    out.args.extend(call.header_args.iter().map(|a| lit(a)));
    out
}

/// `client.me().message("1").send()`: the steps take the first arguments, in order, and the
/// final call the rest (the body, then required headers).
pub(crate) fn chain(call: &Call, args: &[TokenStream]) -> TokenStream {
    let mut out = quote!(client);
    let mut rest = args;
    for step in &call.steps {
        let (mine, more) = rest.split_at(step.args.len().min(rest.len()));
        let step = crate::emit::ident(&step.name);
        out = quote!(#out.#step(#(#mine),*));
        rest = more;
    }
    let method = crate::emit::ident(call.method);
    quote!(#out.#method(#(#rest),*))
}

fn setter(s: &QuerySetter) -> TokenStream {
    match s {
        QuerySetter::List(builder, items) => {
            let m = format_ident!("{}", builder);
            let items = items.iter().map(|i| lit(i));
            quote!(.#m([#(#items),*]))
        }
        QuerySetter::Text(builder, value) => {
            let m = format_ident!("{}", builder);
            let v = lit(value);
            quote!(.#m(#v))
        }
        QuerySetter::Number(builder, n) => {
            let m = format_ident!("{}", builder);
            let n = Literal::u32_unsuffixed(*n);
            quote!(.#m(#n))
        }
        QuerySetter::Count(true) => quote!(.count(true)),
        QuerySetter::Count(false) => quote!(.count(false)),
        QuerySetter::Raw(k, v) => {
            let (k, v) = (lit(k), lit(v));
            quote!(.query(#k, #v))
        }
    }
}

/// A header the example sends, by its typed setter where its page documents it (a required
/// one is an argument of the call already).
fn header_setter(call: TokenStream, h: &HeaderSetter) -> TokenStream {
    let (hk, hv) = (lit(&h.name), lit(&h.value));
    match h.typed {
        _ if h.argument => call,
        Some(TypedHeader::ConsistencyLevel) => quote!(#call.consistency_level_eventual()),
        Some(TypedHeader::IfMatch) => quote!(#call.if_match(#hv)),
        Some(TypedHeader::IfNoneMatch) => quote!(#call.if_none_match(#hv)),
        Some(TypedHeader::Prefer) => quote!(#call.prefer(#hv)),
        Some(TypedHeader::WorkbookSessionId) => quote!(#call.workbook_session_id(#hv)),
        None => quote!(#call.header(#hk, #hv)),
    }
}

/// Builds the literal of a JSON value of a documented type, or says why none gives it exactly:
/// the value the runtime's decoder would make of the same JSON, so that encoding it sends the
/// documented body.
struct Builder<'c, 'a> {
    ctx: &'c Ctx<'a>,
    uses: Uses,
}

/// A value's expression of its exact type (its place's type is known: a field, an argument,
/// an item of a `vec!`), e.g. `"text".into()`, `BodyType::Text`, `Recipient { .. }`.
type Expr = Result<TokenStream, String>;

impl Builder<'_, '_> {
    /// The body of operation `op_index`: its request body table's struct, or its shape's type.
    fn request(&mut self, op_index: usize, v: &Value) -> Expr {
        match self.ctx.plan.request_type(op_index) {
            None => Err("the operation takes no body".into()),
            Some(RequestType::Struct(name)) => self.body_struct(op_index, name, v),
            Some(RequestType::Shape(shape)) if shape.form == BodyForm::Reference => {
                let krate = self.ctx.lib_ident();
                match v.as_object().map(|o| (o.len(), o.get("@odata.id"))) {
                    Some((1, Some(Value::String(id)))) => {
                        let id = lit(id);
                        Ok(quote!(#krate::Reference::new(#id)))
                    }
                    _ => Err("a reference body with members besides `@odata.id`".into()),
                }
            }
            Some(RequestType::Shape(shape)) if shape.collection => {
                Err("a collection as the request body".into())
            }
            Some(RequestType::Shape(shape)) => match shape.resource.as_deref() {
                Some(r) if self.ctx.type_name(r).is_some() => self.named(r, v),
                _ => Ok(json(v)),
            },
        }
    }

    /// The struct of an operation's request body table: `Body { optional.., ..Body::new(required..) }`.
    fn body_struct(&mut self, op_index: usize, name: &str, v: &Value) -> Expr {
        let Some(op) = self.ctx.api.operations.get(op_index) else {
            return Err("no operation".into());
        };
        let Value::Object(members) = v else {
            return Err("the body is not a JSON object".into());
        };
        let ident = crate::emit::ident(name);
        self.uses.models.insert(name.to_string());
        let fields = body_fields(op);
        let mut required = Vec::new();
        for (_, p) in fields.iter().filter(|(_, p)| op.requires(p)) {
            let value = members
                .get(&p.name)
                .ok_or_else(|| format!("the required member `{}` is not in the example", p.name))?;
            required.push(self.typed(p.ty.as_ref(), "", value)?);
        }
        let mut set = Vec::new();
        let mut rest = Map::new();
        let mut taken = BTreeSet::new();
        for (key, value) in members {
            let field = fields
                .iter()
                .find(|(_, p)| p.name == *key && !taken.contains(&p.name));
            match field {
                Some((_, p)) if op.requires(p) => {
                    taken.insert(p.name.clone());
                }
                Some((fname, p)) => {
                    taken.insert(p.name.clone());
                    let fident = crate::emit::ident(fname);
                    let value = self.optional(p.ty.as_ref(), "", value)?;
                    set.push(quote!(#fident: #value));
                }
                None => {
                    rest.insert(key.clone(), value.clone());
                }
            }
        }
        if !rest.is_empty() {
            set.push(additional(&rest));
        }
        // Every field given: no `..` (clippy's `needless_update`).
        let all = set.len() == fields.len() + 1;
        Ok(match (required.is_empty(), set.is_empty()) {
            (true, _) if all => quote!(#ident { #(#set),* }),
            (true, _) => quote!(#ident { #(#set,)* ..Default::default() }),
            (false, true) => quote!(#ident::new(#(#required),*)),
            (false, false) => quote!(#ident { #(#set,)* ..#ident::new(#(#required),*) }),
        })
    }

    /// A value of a body table row's type (none: any JSON).
    fn typed(&mut self, ty: Option<&TypeRef>, owner: &str, v: &Value) -> Expr {
        match ty {
            Some(t) => self.value(t, owner, v),
            None => Ok(json(v)),
        }
    }

    /// An optional member's value: `Nullable::Null` for `null`, else the value `.into()` it.
    fn optional(&mut self, ty: Option<&TypeRef>, owner: &str, v: &Value) -> Expr {
        if v.is_null() {
            self.uses.nullable = true;
            return Ok(quote!(Nullable::Null));
        }
        let expr = self.typed(ty, owner, v)?;
        // `"text".into()` is a `Nullable<String>` already (the runtime's `From<&str>`).
        if matches!(ty, Some(TypeRef::Primitive(Primitive::String))) {
            return Ok(expr);
        }
        // `-1.into()` would negate what `into` returns.
        let negative = match expr.clone().into_iter().next() {
            Some(proc_macro2::TokenTree::Literal(l)) => l.to_string().starts_with('-'),
            Some(proc_macro2::TokenTree::Punct(p)) => p.as_char() == '-',
            _ => false,
        };
        if negative {
            return Ok(quote!((#expr).into()));
        }
        Ok(quote!(#expr.into()))
    }

    /// A value of type `ty`, held by `owner` (a resource's name, empty in a body or a `Vec`),
    /// boxed where the model boxes it.
    fn value(&mut self, ty: &TypeRef, owner: &str, v: &Value) -> Expr {
        match ty {
            TypeRef::Collection(inner) => {
                let Value::Array(items) = v else {
                    return Err(format!("{} where a collection is documented", kind(v)));
                };
                let items = items
                    .iter()
                    .map(|item| self.value(inner, "", item))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(quote!(vec![#(#items),*]))
            }
            TypeRef::Primitive(p) => self.primitive(*p, v),
            TypeRef::Named(n) => {
                let expr = self.named(n, v)?;
                Ok(if super::models::boxed(self.ctx, n, owner) {
                    quote!(Box::new(#expr))
                } else {
                    expr
                })
            }
        }
    }

    /// A value of a documented type: an enum's member, a model, a polymorphic base's arm.
    fn named(&mut self, n: &str, v: &Value) -> Expr {
        let ctx = self.ctx;
        let Some(rust) = ctx.type_name(n) else {
            return Ok(json(v));
        };
        let key = fold(n);
        if ctx.enums.contains(&key) {
            let Value::String(s) = v else {
                return Err(format!("{} where the enum `{n}` is documented", kind(v)));
            };
            let ident = crate::emit::ident(rust);
            self.uses.models.insert(rust.to_string());
            let variant = super::models::enum_variants(ctx, n)
                .iter()
                .find(|(_, wire)| wire == s)
                .map(|(v, _)| v);
            return Ok(match variant {
                Some(v) => {
                    let v = crate::emit::ident(v);
                    quote!(#ident::#v)
                }
                None => {
                    let s = lit(s);
                    quote!(#ident::Unrecognized(#s.into()))
                }
            });
        }
        let Some(r) = ctx.index.get(n) else {
            return Ok(json(v));
        };
        let Value::Object(members) = v else {
            return Err(format!("{} where the type `{n}` is documented", kind(v)));
        };
        if ctx.index.derived_types(n).is_none() {
            return self.model(r, rust, members);
        }
        // A polymorphic base: the arm `@odata.type` names (as the decoder compares it), else
        // the base's own struct.
        let tag = members
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(|t| t.rsplit('.').next().unwrap_or(t).trim_start_matches('#'));
        let arms = arms_of(ctx, r);
        let arm = tag.and_then(|t| arms.arms.iter().find(|a| t.eq_ignore_ascii_case(&a.wire)));
        let base = crate::emit::ident(rust);
        self.uses.models.insert(rust.to_string());
        let inner = match arm {
            Some(a) => self.named(&a.resource.name, v)?,
            None => {
                let name = ctx.bases.get(&key).map_or(rust, String::as_str);
                self.model(r, name, members)?
            }
        };
        Ok(quote!(#base::from(#inner)))
    }

    /// A model's struct literal: the example's members in its order, those the docs do not list
    /// in `additional_properties`, the rest left to `Default`.
    fn model(&mut self, r: &Resource, rust: &str, members: &Map<String, Value>) -> Expr {
        let ctx = self.ctx;
        let ident = crate::emit::ident(rust);
        self.uses.models.insert(rust.to_string());
        let props = ctx.index.fields(r);
        let Some((names, etag)) = super::models::field_names(ctx, &r.name) else {
            return Err(format!("no model of `{}`", r.name));
        };
        let mut set = Vec::new();
        let mut rest = Map::new();
        let mut taken = BTreeSet::new();
        for (key, value) in members {
            let field = names
                .iter()
                .zip(&props)
                .find(|(_, p)| p.name == *key && !taken.contains(&p.name));
            if let Some((fname, p)) = field {
                taken.insert(p.name.clone());
                let fident = crate::emit::ident(fname);
                // A member an earlier release typed otherwise: kept as sent when it does not fit.
                let value = match self.optional(Some(&p.ty), &r.name, value) {
                    Err(_) if ctx.held(r, p) => {
                        rest.insert(key.clone(), value.clone());
                        continue;
                    }
                    other => other?,
                };
                set.push(quote!(#fident: #value));
                continue;
            }
            match etag {
                Some(etag) if key == "@odata.etag" && taken.insert(key.clone()) => {
                    let fident = crate::emit::ident(etag);
                    let value =
                        self.optional(Some(&TypeRef::Primitive(Primitive::String)), "", value)?;
                    set.push(quote!(#fident: #value));
                }
                _ => {
                    rest.insert(key.clone(), value.clone());
                }
            }
        }
        if !rest.is_empty() {
            set.push(additional(&rest));
        }
        let all = set.len() == names.len() + usize::from(etag.is_some()) + 1;
        Ok(if all {
            quote!(#ident { #(#set),* })
        } else {
            quote!(#ident { #(#set,)* ..Default::default() })
        })
    }

    fn primitive(&mut self, p: Primitive, v: &Value) -> Expr {
        let wrong = || format!("{} where `{p:?}` is documented", kind(v));
        match p {
            Primitive::String => match v {
                Value::String(s) => {
                    let s = lit(s);
                    Ok(quote!(#s.into()))
                }
                _ => Err(wrong()),
            },
            Primitive::DateTimeOffset
            | Primitive::Date
            | Primitive::TimeOfDay
            | Primitive::Duration
            | Primitive::Guid
            | Primitive::Binary => match v {
                Value::String(s) => {
                    self.uses.edm = true;
                    let ty = format_ident!("{}", format!("{p:?}"));
                    let s = lit(s);
                    Ok(quote!(edm::#ty::from_wire(#s)))
                }
                _ => Err(wrong()),
            },
            Primitive::Stream => {
                self.uses.edm = true;
                let v = json(v);
                Ok(quote!(edm::Stream::from_json(#v)))
            }
            Primitive::Boolean => match v {
                Value::Bool(true) => Ok(quote!(true)),
                Value::Bool(false) => Ok(quote!(false)),
                _ => Err(wrong()),
            },
            Primitive::Byte => integer(v, u8::MIN.into(), u8::MAX.into()).ok_or_else(wrong),
            Primitive::SByte => integer(v, i8::MIN.into(), i8::MAX.into()).ok_or_else(wrong),
            Primitive::Int16 => integer(v, i16::MIN.into(), i16::MAX.into()).ok_or_else(wrong),
            Primitive::Int32 => integer(v, i32::MIN.into(), i32::MAX.into()).ok_or_else(wrong),
            Primitive::Int64 => integer(v, i64::MIN.into(), i64::MAX.into()).ok_or_else(wrong),
            Primitive::Single | Primitive::Double | Primitive::Decimal => match v.as_f64() {
                Some(f) if f.is_finite() => Ok(Literal::f64_unsuffixed(f).into_token_stream()),
                _ => Err(wrong()),
            },
            Primitive::Json => Ok(json(v)),
        }
    }
}

use quote::ToTokens as _;

/// An integer of the type's range, unsuffixed (its place gives the type).
fn integer(v: &Value, min: i128, max: i128) -> Option<TokenStream> {
    let n = v
        .as_i64()
        .map(i128::from)
        .or_else(|| v.as_u64().map(i128::from))?;
    (min..=max)
        .contains(&n)
        .then(|| Literal::i128_unsuffixed(n).into_token_stream())
}

/// `additional_properties`: the members the docs do not list, as sent.
fn additional(rest: &Map<String, Value>) -> TokenStream {
    let pairs = rest.iter().map(|(k, v)| {
        let k = lit(k);
        let v = json(v);
        quote!((#k.into(), #v))
    });
    quote!(additional_properties: serde_json::Map::from_iter([#(#pairs),*]))
}

/// `serde_json::json!(..)` of a value: where no model exists.
fn json(v: &Value) -> TokenStream {
    let tokens = json_tokens(v);
    quote!(serde_json::json!(#tokens))
}

fn json_tokens(v: &Value) -> TokenStream {
    match v {
        Value::Null => quote!(null),
        Value::Bool(true) => quote!(true),
        Value::Bool(false) => quote!(false),
        Value::Number(n) => {
            // Past `i32`, a suffix: the macro's literal would be an `i32` otherwise.
            if let Some(i) = n.as_i64() {
                if i32::try_from(i).is_ok() {
                    Literal::i64_unsuffixed(i).into_token_stream()
                } else {
                    Literal::i64_suffixed(i).into_token_stream()
                }
            } else if let Some(u) = n.as_u64() {
                Literal::u64_suffixed(u).into_token_stream()
            } else {
                Literal::f64_unsuffixed(n.as_f64().unwrap_or_default()).into_token_stream()
            }
        }
        Value::String(s) => lit(s),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(members) => {
            let members = members.iter().map(|(k, v)| {
                let k = lit(k);
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({ #(#members),* })
        }
    }
}

/// What a JSON value is, for a reason.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The name a snippet gives what the call returns: the model's (`message`), `page` for a page
/// of them, none for `()`.
fn binding(ctx: &Ctx, expect: &Expect) -> Option<String> {
    match expect {
        Expect::Nothing => None,
        Expect::Error { .. } => Some("result".into()),
        Expect::Json { shape, delta, .. } if shape.collection || *delta => Some("page".into()),
        Expect::Json { shape, .. } => Some(
            shape
                .resource
                .as_deref()
                .and_then(|r| ctx.type_name(r))
                .map_or_else(|| "response".to_string(), crate::plan::naming::snake),
        ),
        Expect::Bytes { .. } | Expect::Redirected => Some("content".into()),
        Expect::Accepted { .. } => Some("accepted".into()),
    }
}

/// The call of an upload test: a range of the file to the session's URL (`url`: the documented
/// one in a snippet, the mock host's in the test).
pub(crate) fn upload_call(t: &UploadTest) -> TokenStream {
    let (offset, end, total) = (
        Literal::u64_unsuffixed(t.offset),
        Literal::u64_unsuffixed(t.end),
        Literal::u64_unsuffixed(t.total),
    );
    quote!(client.upload(url).send_range(&file[#offset..=#end], #offset, #total))
}

/// An upload test's snippet as text: the documented URL, and the range of `file` it sends.
fn render_upload(ctx: &Ctx, t: &UploadTest) -> Option<String> {
    let url = lit(&t.url);
    let call = upload_call(t);
    format(
        ctx,
        &Uses::default(),
        quote!(let url = #url;),
        quote!(let progress = #call.await?;),
    )
}

/// The snippet as text: its `use`s, the body and the call, formatted.
pub(crate) fn render(ctx: &Ctx, t: &ExampleTest, s: &Snippet) -> Option<String> {
    if s.untyped.is_some() {
        return None;
    }
    let (setup, call) = (&s.setup, &s.call);
    // An example of an error shows the call without `?`: its result is the documented error.
    let last = match (binding(ctx, &t.expect), &t.expect) {
        (Some(b), Expect::Error { .. }) => {
            let b = crate::emit::ident(&b);
            quote!(let #b = #call.await;)
        }
        (Some(b), _) => {
            let b = crate::emit::ident(&b);
            quote!(let #b = #call.await?;)
        }
        (None, _) => quote!(#call.await?;),
    };
    format(ctx, &s.uses, setup.clone(), last)
}

/// Formats a snippet's statements (prettyplease, in a function it leaves out).
fn format(ctx: &Ctx, uses: &Uses, setup: TokenStream, last: TokenStream) -> Option<String> {
    let krate = ctx.lib_ident();
    let uses = uses.tokens(&krate, true);
    let tokens = quote! {
        async fn snippet() {
            #uses
            #setup
            #last
        }
    };
    let file = syn::parse2::<syn::File>(tokens).ok()?;
    let text = prettyplease::unparse(&file);
    // The function's body, out of its braces and indentation.
    let mut lines: Vec<&str> = text.lines().collect();
    lines.pop().filter(|l| *l == "}")?;
    let body = lines.get(1..)?;
    Some(
        body.iter()
            .map(|l| l.strip_prefix("    ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n",
    )
}

/// A documented example's snippet, or why it has none (`cargo xtask snippets`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExampleSnippet {
    /// The example's name in its annotation (`message_send`), when it has one.
    pub example: Option<String>,
    /// The id of the operation the example calls.
    pub operation: String,
    /// The page the example is written on, relative to the docs folder.
    pub page: String,
    /// The line of its request (its block's first line).
    pub line: u32,
    /// The conformance test that compiles and replays it.
    pub test: Option<String>,
    /// The snippet, formatted (its `use`s, the body, the call); none when it has none.
    pub code: Option<String>,
    /// Why it has none: the conformance accounting's reason, or why its body is no literal.
    pub reason: Option<String>,
}

/// The snippet of every documented example request of the crate `emit` makes of `api` with
/// `opts`, in the order of the conformance manifest; an example request with several responses
/// once.
pub fn snippets(
    api: &crate::ir::Api,
    opts: &super::EmitOptions,
) -> Result<Vec<ExampleSnippet>, super::EmitError> {
    let cache = super::FormatCache::new();
    let ctx = Ctx::new(api, opts, &cache)?;
    let cases = crate::plan::cases::plan(&ctx);
    let by_test: std::collections::BTreeMap<String, &ExampleTest> = cases
        .tests
        .iter()
        .map(|(_, t)| (format!("cases::{}", t.call.name), t))
        .collect();
    let uploads: std::collections::BTreeMap<String, &UploadTest> = cases
        .uploads
        .iter()
        .map(|(_, t)| (format!("cases::{}", t.name), t))
        .collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let entries = cases.manifest.tests.iter().chain(&cases.manifest.skipped);
    for e in entries {
        if !seen.insert((e.page.clone(), e.request_line)) {
            continue;
        }
        let planned = e.test.as_ref().and_then(|t| by_test.get(t));
        let upload = e.test.as_ref().and_then(|t| uploads.get(t));
        let (code, reason) = match (planned, &e.reason) {
            (None, None) if upload.is_some() => match upload.and_then(|t| render_upload(&ctx, t)) {
                Some(code) => (Some(code), None),
                None => (None, Some("the snippet does not format".into())),
            },
            (Some(t), _) => {
                let s = snippet(&ctx, t);
                match render(&ctx, t, &s) {
                    Some(code) => (Some(code), None),
                    None => (
                        None,
                        Some(
                            s.untyped
                                .unwrap_or_else(|| "the snippet does not format".into()),
                        ),
                    ),
                }
            }
            (None, Some(reason)) => (None, Some(reason.clone())),
            (None, None) => (None, Some("no test of this example".into())),
        };
        out.push(ExampleSnippet {
            example: e.example.clone(),
            operation: e.operation.clone(),
            page: e.page.clone(),
            line: e.request_line,
            test: e.test.clone(),
            code,
            reason,
        });
    }
    out.sort_by(|a, b| (&a.page, a.line).cmp(&(&b.page, b.line)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::read::source::{Lang, SourceFile};

    /// The resource pages of `docs/` and one operation page.
    fn with_page(path: &str, md: &str) -> crate::Analysis {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/resources");
        let mut files: Vec<SourceFile> = std::fs::read_dir(&dir)
            .expect("docs/resources")
            .map(|e| {
                let path = e.expect("an entry").path();
                let name = path
                    .file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned();
                let text = std::fs::read_to_string(&path).expect("a page");
                SourceFile::new(format!("resources/{name}"), text, Lang::English)
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.push(SourceFile::new(path, md.into(), Lang::English));
        crate::analyze_sources(&files)
    }

    fn page(template: &str, resource: &str, body: &str) -> String {
        format!(
            "# Create\n\n## HTTP request\n\n```http\nPOST {template}\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of a [{resource}](../resources/{resource}.md) object.\n\n## Response\n\nIf successful, this method returns `201 Created` and a [{resource}](../resources/{resource}.md) object in the response body.\n\n## Example\n\n<!-- {{\"blockType\": \"request\", \"name\": \"create_it\"}} -->\n```http\nPOST https://graph.microsoft.com/v1.0{}\nContent-Type: application/json\n\n{body}\n```\n\n<!-- {{\"blockType\": \"response\"}} -->\n```http\nHTTP/1.1 201 Created\nContent-Type: application/json\n\n{{\"id\": \"1\"}}\n```\n",
            template.replace("{id}", "AAMk")
        )
    }

    fn snippets(a: &crate::Analysis) -> Vec<super::ExampleSnippet> {
        super::snippets(&a.api, &crate::emit::EmitOptions::default()).expect("snippets")
    }

    #[test]
    fn a_body_is_a_struct_literal_of_its_model() {
        let body = r#"{"subject": "Hi", "importance": "urgent", "categories": ["Red", "Blue"], "from": null, "createdDateTime": "2024-01-01T00:00:00Z", "body": {"contentType": "html", "content": "<b>Hi</b>"}, "x-extra": {"a": [1, -2.5, null]}}"#;
        let a = with_page("api/create.md", &page("/me/messages", "message", body));
        let s = snippets(&a);
        let code = s
            .first()
            .and_then(|s| s.code.as_deref())
            .unwrap_or_else(|| panic!("{s:?}"));
        assert_eq!(
            code,
            r#"use docs_client::prelude::*;
use docs_client::models::{BodyType, Importance, ItemBody, Message};
use docs_client::{edm, Nullable};
let body = Message {
    subject: "Hi".into(),
    importance: Importance::Unrecognized("urgent".into()).into(),
    categories: vec!["Red".into(), "Blue".into()].into(),
    from: Nullable::Null,
    created_date_time: edm::DateTimeOffset::from_wire("2024-01-01T00:00:00Z").into(),
    body: ItemBody {
        content_type: BodyType::Html.into(),
        content: "<b>Hi</b>".into(),
        ..Default::default()
    }
        .into(),
    additional_properties: serde_json::Map::from_iter([
        ("x-extra".into(), serde_json::json!({ "a" : [1, - 2.5, null] })),
    ]),
    ..Default::default()
};
let message = client.me().messages().create(&body).await?;
"#
        );
        assert_eq!(s[0].example.as_deref(), Some("create_it"));
        assert_eq!((s[0].page.as_str(), s[0].line), ("api/create.md", 21));
    }

    #[test]
    fn a_polymorphic_body_is_the_arm_its_odata_type_names() {
        let body = r##"{"@odata.type": "#microsoft.graph.fileAttachment", "name": "a.txt", "size": -1, "contentBytes": "aGk="}"##;
        let a = with_page(
            "api/add.md",
            &page("/me/messages/{id}/attachments", "attachment", body),
        );
        let s = snippets(&a);
        let code = s
            .first()
            .and_then(|s| s.code.as_deref())
            .unwrap_or_else(|| panic!("{s:?}"));
        for line in [
            "let body = Attachment::from(FileAttachment {",
            "    name: \"a.txt\".into(),",
            // `-1.into()` would negate what `into` returns.
            "    size: (-1).into(),",
            "    content_bytes: edm::Binary::from_wire(\"aGk=\").into(),",
            "        (\"@odata.type\".into(), serde_json::json!(\"#microsoft.graph.fileAttachment\")),",
        ] {
            assert!(code.lines().any(|l| l == line), "{line}\n{code}");
        }
        assert!(code.contains(".message(\"AAMk\")"), "{code}");
    }

    #[test]
    fn a_value_no_field_can_hold_gives_no_snippet_and_says_why() {
        let a = with_page(
            "api/create.md",
            &page("/me/messages", "message", r#"{"subject": 42}"#),
        );
        let s = snippets(&a);
        assert_eq!(s[0].code, None);
        assert_eq!(
            s[0].reason.as_deref(),
            Some("a number where `String` is documented")
        );
        assert!(s[0].test.is_some(), "the test decodes it instead: {s:?}");
    }
}
