//! The API surface: what a user of the generated crate compiles against and what its calls
//! carry, from the IR, language-neutral and sorted. The generator writes it beside the crate
//! (`api.json`), so that the next run can tell what changed without the old docs. It holds the
//! calls by key (method and path, placeholders unnamed, case folded), return and body types as
//! `returns` decides them, body members as the body struct has them, query options, headers, scopes as
//! sets, fields as the struct has them (`ResourceIndex::fields`) and enum members; never titles,
//! descriptions, lines or scope order. It is made first, beside the emitter's context, while
//! little else is held (4.8 MB for the English corpus).

use super::returns::{returns, Returns};
use crate::base::Location;
use crate::ir::index::ResourceIndex;
use crate::ir::names::fold;
use crate::ir::{Api, Operation, Permission, Shipped};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How the generator shapes code, as a number that grows with each change of shape that code
/// written against an older crate may not survive (the generator's, not the docs'). A surface
/// without one (an `api.json` written before it existed) is 1.
pub const REPRESENTATION: u32 = 3;

/// What each representation changed, for the diff that crosses it.
pub const REPRESENTATION_CHANGES: &[(u32, &str)] = &[
    (
        2,
        "optional members are `Nullable<T>` (absent, null, value), not `Option<T>`; \
         delta queries return `Page<Delta<T>>`",
    ),
    (
        3,
        "the client is a core crate and a crate per area; an area's calls on the steps areas \
         share (`client.me()`) are methods of its extension traits: `use <crate>::prelude::*;`",
    ),
];

fn first_representation() -> u32 {
    1
}

/// The surface of one API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// The generator's `REPRESENTATION` when it was written.
    #[serde(default = "first_representation")]
    pub representation: u32,
    /// By page, then id.
    pub operations: Vec<OperationSurface>,
    /// Resource types by name.
    pub types: Vec<TypeSurface>,
    /// Enums by name.
    pub enums: Vec<EnumSurface>,
}

/// A place as the surface keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct At {
    /// The page, relative to the docs root.
    pub file: String,
    /// 1-based line.
    pub line: u32,
}

impl From<&Location> for At {
    fn from(l: &Location) -> At {
        At {
            file: l.file.clone(),
            line: l.line,
        }
    }
}

/// One operation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationSurface {
    /// The name of its info constant and body struct.
    pub id: String,
    /// The page that documents it.
    pub page: String,
    /// Where.
    pub at: At,
    /// Its calls.
    pub calls: Vec<CallSurface>,
    /// What its calls return (`()`, `bytes`, `message`, `Collection(message)`).
    pub returns: String,
    /// The documented success status.
    pub success: Option<u16>,
    /// Its request body's type (`none`, `bytes`, a resource, or the operation's body struct).
    pub request: String,
    /// The members of its own body struct, by name.
    pub body_members: BTreeMap<String, MemberSurface>,
    /// The OData query options its calls take, without `$`.
    pub query_options: BTreeSet<String>,
    /// Documented request headers (lower case) and whether they are required.
    pub headers: BTreeMap<String, bool>,
    /// Scopes by permission type: delegated work, delegated personal, application.
    pub scopes: [PermissionSurface; 3],
    /// What an earlier release had and the docs no longer document: kept, deprecated (`floor`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

/// A call: a method and a path template.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CallSurface {
    /// The method and the path with its placeholders unnamed and case folded: what a user's
    /// chain reaches (`POST /me/messages/{}/send`).
    pub key: String,
    /// The template as documented.
    pub template: String,
    /// The call as a user writes it (`client.me().message(id).send()`); empty in an `api.json`
    /// written before calls said it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub call: String,
    /// What it returns (a cast's template, the cast type); empty in an `api.json` written
    /// before calls said it (the operation's `returns` then).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub returns: String,
    /// The request body its method takes when the method is another operation's (two pages
    /// document one request line and the call fills the other's template); empty when it is
    /// the operation's own (`request`), and in an `api.json` written before calls said it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sends: String,
    /// Where.
    pub at: At,
    /// What an earlier release had and the docs no longer document: kept, deprecated (`floor`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

impl CallSurface {
    /// The request body its method takes: its own (`sends`), else its operation's.
    pub fn request<'a>(&'a self, op: &'a OperationSurface) -> &'a str {
        if self.sends.is_empty() {
            &op.request
        } else {
            &self.sends
        }
    }
}

/// A member of a request body struct.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSurface {
    /// Its type (`untyped` when the table names none).
    pub ty: String,
    /// Whether the body's constructor takes it.
    pub required: bool,
}

/// What a permission type allows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "scopes")]
pub enum PermissionSurface {
    /// Any of these scopes, as a set (their order is prose).
    Scopes(BTreeSet<String>),
    /// Not supported.
    NotSupported,
    /// The page says nothing.
    #[default]
    Undocumented,
}

/// A resource type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeSurface {
    /// Its name.
    pub name: String,
    /// Its page.
    pub page: String,
    /// Where.
    pub at: At,
    /// Its base type, lower case, namespace-relative.
    pub base: Option<String>,
    /// Its struct's fields (own and inherited properties and relationships): name -> type and
    /// place.
    pub fields: BTreeMap<String, FieldSurface>,
    /// What an earlier release had and the docs no longer document: kept, deprecated (`floor`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Its Rust name (`models::Message`): what a user's code holds, which the next release keeps.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rust: String,
    /// The struct of its own fields when it is a polymorphic base (`AttachmentBase`); or the
    /// deprecated alias that keeps that name since it no longer is one (`plan::names`), so
    /// that the next release keeps it too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_base: Option<String>,
}

/// A field of a resource's struct.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSurface {
    /// Its type.
    pub ty: String,
    /// Where.
    pub at: At,
    /// What an earlier release had and the docs no longer document: kept, deprecated (`floor`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

/// An enum.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumSurface {
    /// Its name.
    pub name: String,
    /// Where.
    pub at: At,
    /// Its members' wire names.
    pub members: BTreeSet<String>,
    /// What an earlier release had and the docs no longer document: kept, deprecated (`floor`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Its members that are deprecated (`floor`).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub deprecated_members: BTreeSet<String>,
    /// Its Rust name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rust: String,
}

impl Surface {
    /// The surface of an API.
    pub fn of(api: &Api) -> Surface {
        let index = ResourceIndex::new(api);
        let etags = super::names::etag_carriers(api, &index);
        let mut operations: Vec<OperationSurface> =
            api.operations.iter().map(|op| operation(api, op)).collect();
        operations.sort_by(|a, b| (&a.page, &a.id).cmp(&(&b.page, &b.id)));
        let mut types: Vec<TypeSurface> = api
            .resources
            .iter()
            .map(|r| TypeSurface {
                deprecated: api
                    .deprecation(&Shipped::Type {
                        name: fold(&r.name),
                    })
                    .is_some(),
                name: r.name.clone(),
                page: r.page.clone(),
                at: At::from(&r.location),
                base: r
                    .base_type
                    .as_deref()
                    .map(crate::ir::names::resource_name)
                    .filter(|b| !b.is_empty())
                    .map(|b| b.to_ascii_lowercase()),
                fields: index
                    .fields(r)
                    .into_iter()
                    .map(|p| {
                        (
                            p.name.clone(),
                            FieldSurface {
                                ty: p.ty.to_string(),
                                at: At::from(&p.location),
                                deprecated: index.chain(r).iter().any(|c| {
                                    api.deprecation(&Shipped::Field {
                                        ty: fold(&c.name),
                                        name: p.name.clone(),
                                    })
                                    .is_some()
                                }),
                            },
                        )
                    })
                    // The version the model reads where the docs show one (`odata_etag`).
                    .chain(etags.contains(&crate::ir::names::fold(&r.name)).then(|| {
                        (
                            "@odata.etag".to_string(),
                            FieldSurface {
                                ty: "String".into(),
                                at: At::from(&r.location),
                                deprecated: false,
                            },
                        )
                    }))
                    .collect(),
                rust: String::new(),
                rust_base: None,
            })
            .collect();
        types.sort_by(|a, b| (&a.name, &a.page).cmp(&(&b.name, &b.page)));
        let mut enums: Vec<EnumSurface> = api
            .enums
            .iter()
            .map(|e| EnumSurface {
                name: e.name.clone(),
                at: At::from(&e.location),
                members: e.members.iter().map(|m| m.name.clone()).collect(),
                deprecated: api
                    .deprecation(&Shipped::Enum {
                        name: fold(&e.name),
                    })
                    .is_some(),
                deprecated_members: e
                    .members
                    .iter()
                    .filter(|m| {
                        api.deprecation(&Shipped::Member {
                            ty: fold(&e.name),
                            name: m.name.clone(),
                        })
                        .is_some()
                    })
                    .map(|m| m.name.clone())
                    .collect(),
                rust: String::new(),
            })
            .collect();
        enums.sort_by(|a, b| (&a.name, &a.at).cmp(&(&b.name, &b.at)));
        Surface {
            representation: REPRESENTATION,
            operations,
            types,
            enums,
        }
    }
}

impl Surface {
    /// A surface as an `api.json` holds it, its call keys in today's normal form
    /// (`template::call_key`, from each call's method and template): an `api.json` an older
    /// generator wrote keys `'{x}'` or a trailing `/` otherwise, which would read as calls gone.
    pub fn read(text: &str) -> Result<Surface, serde_json::Error> {
        let mut surface: Surface = serde_json::from_str(text)?;
        for op in &mut surface.operations {
            for c in &mut op.calls {
                let method = c.key.split(' ').next().and_then(crate::base::Method::parse);
                if let Some(m) = method {
                    c.key = crate::ir::template::call_key(m, &c.template);
                }
            }
            op.calls.sort();
            op.calls.dedup_by(|a, b| a.key == b.key);
        }
        Ok(surface)
    }

    /// Each call's chain of method names (`client.me().message(id).send()` -> `["me",
    /// "message", "send"]`), by operation id and key (several pages may document one
    /// request line): what the next release keeps (`Api::shipped_calls`).
    pub fn call_names(&self) -> BTreeMap<(String, String), crate::ir::ShippedCall> {
        let mut out = BTreeMap::new();
        for op in &self.operations {
            for c in &op.calls {
                let Some(chain) = c.call.strip_prefix("client.") else {
                    continue;
                };
                let mut names = Vec::new();
                let mut depth = 0usize;
                let mut name = String::new();
                for ch in chain.chars() {
                    match ch {
                        '(' => depth += 1,
                        ')' => depth = depth.saturating_sub(1),
                        '.' if depth == 0 => names.push(std::mem::take(&mut name)),
                        c if depth == 0 => name.push(c),
                        _ => {}
                    }
                }
                names.push(name);
                out.entry((op.id.clone(), c.key.clone()))
                    .or_insert(crate::ir::ShippedCall {
                        names,
                        request: c.request(op).to_string(),
                    });
            }
        }
        out
    }

    /// The names this surface shipped, for `api` to keep (`Api::shipped_calls`,
    /// `Api::shipped_types`): the next release's, or the API this surface was made of when it
    /// is read back (its run kept the names of the release before).
    pub fn keep_names(&self, api: &mut Api) {
        api.shipped_calls = self.call_names();
        api.shipped_types = self.type_names();
    }

    /// Gives each type its Rust name as the plan decided it (`Plan::types`, `Plan::bases`).
    pub(crate) fn name_types(&mut self, plan: &super::Plan) {
        for t in &mut self.types {
            let key = fold(&t.name);
            t.rust = plan.types.get(&key).cloned().unwrap_or_default();
            t.rust_base = plan
                .bases
                .get(&key)
                .or_else(|| plan.aliases.get(&key))
                .cloned();
        }
        for e in &mut self.enums {
            e.rust = plan.types.get(&fold(&e.name)).cloned().unwrap_or_default();
        }
    }

    /// The Rust names of its types by folded documented name, and of the structs of its
    /// polymorphic bases: what the next release keeps (`Api::shipped_types`).
    pub fn type_names(&self) -> crate::ir::ShippedTypes {
        let mut out = crate::ir::ShippedTypes::default();
        for t in &self.types {
            if !t.rust.is_empty() {
                out.types
                    .entry(fold(&t.name))
                    .or_insert_with(|| t.rust.clone());
            }
            if let Some(b) = &t.rust_base {
                out.bases.entry(fold(&t.name)).or_insert_with(|| b.clone());
            }
        }
        for e in &self.enums {
            if !e.rust.is_empty() {
                out.types
                    .entry(fold(&e.name))
                    .or_insert_with(|| e.rust.clone());
            }
        }
        out
    }

    /// Names each call as the call shape writes it (`Calls::render`), from the API the surface
    /// was made of: the names a user's code holds, so that the diff sees a call renamed.
    pub(crate) fn name_calls(&mut self, api: &Api, calls: &super::calls::Calls) {
        let by_id: BTreeMap<&str, usize> = api
            .operations
            .iter()
            .enumerate()
            .map(|(i, op)| (op.id.as_str(), i))
            .collect();
        for op in &mut self.operations {
            let Some((oi, api_op)) = by_id
                .get(op.id.as_str())
                .and_then(|&i| Some((i, api.operations.get(i)?)))
            else {
                continue;
            };
            for c in &mut op.calls {
                let Some((ti, call)) = api_op
                    .templates
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.key() == c.key)
                    .find_map(|(ti, _)| Some((ti, calls.render(oi, ti)?)))
                else {
                    c.call = String::new();
                    continue;
                };
                c.call = call;
                c.sends = calls
                    .final_of(oi, ti)
                    .filter(|f| f.fills.op != oi)
                    .and_then(|f| api.operations.get(f.fills.op))
                    .map(request_type)
                    .filter(|sends| *sends != request_type(api_op))
                    .unwrap_or_default();
            }
        }
    }
}

fn operation(api: &Api, op: &Operation) -> OperationSurface {
    let gone = api
        .deprecation(&Shipped::Operation { id: op.id.clone() })
        .is_some();
    let mut calls: Vec<CallSurface> = op
        .templates
        .iter()
        .map(|t| CallSurface {
            key: t.key(),
            template: t.raw.clone(),
            call: String::new(),
            returns: call_return_type(op, t),
            sends: String::new(),
            at: At::from(&t.location),
            deprecated: gone
                || api
                    .deprecation(&Shipped::Call {
                        operation: op.id.clone(),
                        key: t.key(),
                    })
                    .is_some(),
        })
        .collect();
    calls.sort();
    calls.dedup_by(|a, b| a.key == b.key);
    let body_members = if op
        .request_body
        .as_ref()
        .is_some_and(|b| b.resource.is_none())
    {
        op.body_members()
            .into_iter()
            .map(|p| {
                (
                    p.name.clone(),
                    MemberSurface {
                        ty: p
                            .ty
                            .as_ref()
                            .map_or_else(|| "untyped".into(), ToString::to_string),
                        required: op.requires(p),
                    },
                )
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    let permission = |p: &Permission| match p {
        Permission::Scopes(s) => PermissionSurface::Scopes(s.iter().cloned().collect()),
        Permission::NotSupported => PermissionSurface::NotSupported,
        Permission::Undocumented => PermissionSurface::Undocumented,
    };
    OperationSurface {
        deprecated: gone,
        id: op.id.clone(),
        page: op.page.clone(),
        at: At::from(&op.location),
        calls,
        returns: return_type(op),
        success: op.success.status,
        request: request_type(op),
        body_members,
        query_options: op
            .query_options
            .iter()
            .map(|q| q.name().to_string())
            .collect(),
        headers: op
            .headers
            .iter()
            .map(|h| (h.name.to_ascii_lowercase(), h.required))
            .collect(),
        scopes: [
            permission(&op.scopes.delegated_work),
            permission(&op.scopes.delegated_personal),
            permission(&op.scopes.application),
        ],
    }
}

/// The return type of an operation's calls, as the emitter decides it: its first template's.
pub(crate) fn return_type(op: &Operation) -> String {
    op.templates
        .first()
        .map_or_else(|| "()".into(), |t| call_return_type(op, t))
}

/// The return type of one call of an operation (a cast's template returns the cast type).
pub(crate) fn call_return_type(op: &Operation, t: &crate::ir::PathTemplate) -> String {
    match returns(op, t) {
        Returns::Redirected => "redirect".into(),
        Returns::Bytes => "bytes".into(),
        Returns::Nothing => "()".into(),
        Returns::Accepted => "accepted".into(),
        Returns::Delta(shape) => {
            let inner = shape.resource.as_deref().unwrap_or("untyped");
            format!("Delta({inner})")
        }
        Returns::JsonOrAccepted(shape) => {
            let inner = shape.resource.clone().unwrap_or_else(|| "untyped".into());
            format!("Outcome({inner})")
        }
        Returns::Json(shape) => {
            let inner = shape.resource.clone().unwrap_or_else(|| "untyped".into());
            if shape.collection {
                format!("Collection({inner})")
            } else {
                inner
            }
        }
    }
}

/// The request body's type: a documented resource, the operation's own body struct, bytes,
/// or none.
pub(crate) fn request_type(op: &Operation) -> String {
    match &op.request_body {
        None => "none".into(),
        Some(b) if b.is_stream() => "bytes".into(),
        Some(b) if b.form == crate::ir::BodyForm::Empty => "empty".into(),
        Some(b) if b.form == crate::ir::BodyForm::Reference => "reference".into(),
        Some(b) => match &b.resource {
            Some(r) if b.collection => format!("Collection({r})"),
            Some(r) => r.clone(),
            None => format!("{}'s body struct", op.id),
        },
    }
}
