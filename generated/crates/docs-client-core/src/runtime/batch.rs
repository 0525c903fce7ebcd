//! JSON batching (`POST /$batch`): many calls in one request, each answered on its own.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::{jitter, retry, service_error, Call, Client, Error, RawResponse, Request};
use std::collections::{BTreeMap, BTreeSet};
use std::marker::PhantomData;

/// The most requests the service takes in one batch.
pub const MAX_BATCH: usize = 20;

/// Calls to send together: `let mut batch = client.batch(); let a = batch.add(&call_a)?; ...;
/// let answers = batch.send().await?; let value = answers.get(&a)?;`. More than
/// [`MAX_BATCH`] calls go in several requests (a call and those it depends on in the same one);
/// an item the service throttles inside a successful batch (`429`, `503`, `504`) is sent again
/// on its own after its `Retry-After`, within the client's [`RetryPolicy`](super::RetryPolicy).
#[derive(Debug)]
#[must_use = "a batch does nothing until it is sent"]
pub struct Batch<'a> {
    client: &'a Client,
    items: Vec<Item>,
}

#[derive(Debug, Clone)]
struct Item {
    id: String,
    method: String,
    /// Relative to the base URL, as a batch item's `url` is.
    url: String,
    headers: Vec<(String, String)>,
    body: Option<serde_json::Value>,
    depends_on: Vec<String>,
}

/// Where a call's answer is in a batch's answers: it decodes with the call's own type.
#[derive(Debug)]
pub struct BatchItem<T> {
    id: String,
    decode: fn(&RawResponse) -> Result<T, Error>,
    _type: PhantomData<fn() -> T>,
}

impl<T> BatchItem<T> {
    /// The item's `id` in the batch.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The answers of a batch, by item.
#[derive(Debug, Default)]
pub struct BatchResponses {
    responses: BTreeMap<String, RawResponse>,
}

impl BatchResponses {
    /// The answer to `item`, decoded as its call decodes a direct answer: a 2xx as the
    /// operation's type, anything else as the same [`Error::Service`].
    pub fn get<T>(&self, item: &BatchItem<T>) -> Result<T, Error> {
        let response = self.raw(item).ok_or_else(|| {
            Error::InvalidArgument(format!("the batch has no answer for item `{}`", item.id))
        })?;
        if (200..300).contains(&response.status) {
            (item.decode)(response)
        } else {
            Err(service_error(response))
        }
    }

    /// The answer to `item` as the service sent it.
    pub fn raw<T>(&self, item: &BatchItem<T>) -> Option<&RawResponse> {
        self.responses.get(&item.id)
    }
}

impl Client {
    /// An empty batch of calls to this client's service.
    pub fn batch(&self) -> Batch<'_> {
        Batch {
            client: self,
            items: Vec::new(),
        }
    }
}

impl<'a> Batch<'a> {
    /// Adds a call.
    pub fn add<T, Q>(&mut self, call: &Call<'a, T, Q>) -> Result<BatchItem<T>, Error> {
        self.add_after(call, &[])
    }

    /// Adds a call that the service runs only after `after` succeeded (`dependsOn`).
    pub fn add_after<T, Q>(
        &mut self,
        call: &Call<'a, T, Q>,
        after: &[&str],
    ) -> Result<BatchItem<T>, Error> {
        let request = call.request()?;
        let id = (self.items.len() + 1).to_string();
        for d in after {
            if !self.items.iter().any(|i| i.id == *d) {
                return Err(Error::InvalidArgument(format!(
                    "batch item `{id}` depends on `{d}`, which is not an earlier item"
                )));
            }
        }
        self.items
            .push(item(self.client, id.clone(), &request, after)?);
        Ok(BatchItem {
            id,
            decode: call.decode,
            _type: PhantomData,
        })
    }

    /// How many calls it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sends every call and collects every answer.
    pub async fn send(self) -> Result<BatchResponses, Error> {
        let mut answers = BatchResponses::default();
        let started = tokio::time::Instant::now();
        let mut pending = self.items;
        let mut attempt = 0u32;
        while !pending.is_empty() {
            attempt += 1;
            for chunk in chunks(&pending)? {
                let got = self.client.send_batch(&chunk).await?;
                answers.responses.extend(got);
            }
            // Throttled items, and those that failed because one they depend on was, again.
            let mut again: BTreeSet<String> = BTreeSet::new();
            let mut wait = std::time::Duration::ZERO;
            for item in &pending {
                let Some(r) = answers.responses.get(&item.id) else {
                    continue;
                };
                let decision = retry::decide(
                    &self.client.retry,
                    &retry::Attempt {
                        status: r.status,
                        retry_after: r.header("retry-after"),
                        attempt,
                        elapsed: started.elapsed(),
                        replayable: true,
                        now: std::time::SystemTime::now(),
                        jitter: jitter(attempt),
                    },
                );
                if let retry::Decision::RetryAfter(d) = decision {
                    again.insert(item.id.clone());
                    wait = wait.max(d);
                }
            }
            if again.is_empty() {
                break;
            }
            for item in &pending {
                let failed_dependency = answers
                    .responses
                    .get(&item.id)
                    .is_some_and(|r| r.status == 424);
                if failed_dependency && item.depends_on.iter().any(|d| again.contains(d)) {
                    again.insert(item.id.clone());
                }
            }
            tracing::info!(items = again.len(), ?wait, "retrying throttled batch items");
            tokio::time::sleep(wait).await;
            pending.retain(|i| again.contains(&i.id));
            // A dependency that succeeded is not sent again: the retried item no longer waits.
            for item in &mut pending {
                item.depends_on.retain(|d| again.contains(d));
            }
        }
        Ok(answers)
    }
}

/// A call as a batch item: its URL relative to the base URL (the token's host only) and its
/// body as JSON.
fn item(client: &Client, id: String, r: &Request, after: &[&str]) -> Result<Item, Error> {
    let base = client.base_url();
    let url = r
        .url
        .strip_prefix(base)
        .filter(|rest| rest.starts_with('/'))
        .ok_or_else(|| {
            Error::InvalidArgument(format!("`{}` is not on the client's base URL", r.url))
        })?
        .to_string();
    let body = match &r.body {
        None => None,
        Some(bytes) => Some(serde_json::from_slice(bytes).map_err(|_| {
            Error::InvalidArgument(format!(
                "batch item `{id}`: only JSON bodies can be batched"
            ))
        })?),
    };
    Ok(Item {
        id,
        method: r.method.clone(),
        url,
        headers: r.headers.clone(),
        body,
        depends_on: after.iter().map(|d| d.to_string()).collect(),
    })
}

/// The items in requests of at most [`MAX_BATCH`], each with every item it depends on.
fn chunks(items: &[Item]) -> Result<Vec<Vec<Item>>, Error> {
    // Groups joined by `dependsOn`, in the order of their first item.
    let mut group_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut groups: Vec<Vec<&Item>> = Vec::new();
    for item in items {
        let joined: BTreeSet<usize> = item
            .depends_on
            .iter()
            .filter_map(|d| group_of.get(d.as_str()).copied())
            .collect();
        let target = match joined.iter().next() {
            Some(&g) => g,
            None => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        for &g in joined.iter().skip(1) {
            let moved = std::mem::take(&mut groups[g]);
            for m in &moved {
                group_of.insert(&m.id, target);
            }
            groups[target].extend(moved);
        }
        groups[target].push(item);
        group_of.insert(&item.id, target);
    }
    let mut out: Vec<Vec<Item>> = Vec::new();
    for group in groups.into_iter().filter(|g| !g.is_empty()) {
        if group.len() > MAX_BATCH {
            return Err(Error::InvalidArgument(format!(
                "{} batch items depend on each other: one batch takes {MAX_BATCH}",
                group.len()
            )));
        }
        match out.last_mut() {
            Some(last) if last.len() + group.len() <= MAX_BATCH => {
                last.extend(group.into_iter().cloned())
            }
            _ => out.push(group.into_iter().cloned().collect()),
        }
    }
    // Each request in the order the items were added.
    let order: BTreeMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    for chunk in &mut out {
        chunk.sort_by_key(|i| order.get(i.id.as_str()).copied().unwrap_or(usize::MAX));
    }
    Ok(out)
}

impl Client {
    /// One `POST /$batch`; the answers by item id.
    async fn send_batch(&self, items: &[Item]) -> Result<BTreeMap<String, RawResponse>, Error> {
        let requests: Vec<serde_json::Value> = items
            .iter()
            .map(|i| {
                let mut r = serde_json::json!({
                    "id": i.id,
                    "method": i.method,
                    "url": i.url,
                });
                if !i.headers.is_empty() {
                    let headers: serde_json::Map<String, serde_json::Value> = i
                        .headers
                        .iter()
                        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                        .collect();
                    r["headers"] = serde_json::Value::Object(headers);
                }
                if let Some(body) = &i.body {
                    r["body"] = body.clone();
                }
                if !i.depends_on.is_empty() {
                    r["dependsOn"] = serde_json::json!(i.depends_on);
                }
                r
            })
            .collect();
        let body = serde_json::to_vec(&serde_json::json!({ "requests": requests }))
            .map_err(|e| Error::InvalidArgument(format!("the batch cannot be encoded: {e}")))?;
        let request = Request {
            method: "POST".into(),
            url: format!("{}/$batch", self.base_url()),
            headers: vec![("content-type".into(), "application/json".into())],
            body: Some(body),
        };
        let response = self.execute(&request, "/$batch", None).await?;
        if !(200..300).contains(&response.status) {
            return Err(service_error(&response));
        }
        let answer: BatchAnswer =
            serde_json::from_slice(&response.body).map_err(|source| Error::Decode {
                status: response.status,
                source,
            })?;
        Ok(answer
            .responses
            .into_iter()
            .map(|r| {
                let body = match r.body {
                    None | Some(serde_json::Value::Null) => Vec::new(),
                    // A body that is not JSON comes as a string.
                    Some(serde_json::Value::String(s))
                        if !r.headers.iter().any(|(k, v)| {
                            k.eq_ignore_ascii_case("content-type") && v.contains("json")
                        }) =>
                    {
                        s.into_bytes()
                    }
                    Some(v) => serde_json::to_vec(&v).unwrap_or_default(),
                };
                let headers = r.headers.into_iter().collect();
                (
                    r.id,
                    RawResponse {
                        status: r.status,
                        headers,
                        body,
                    },
                )
            })
            .collect())
    }
}

#[derive(serde::Deserialize)]
struct BatchAnswer {
    #[serde(default)]
    responses: Vec<ItemAnswer>,
}

#[derive(serde::Deserialize)]
struct ItemAnswer {
    id: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<serde_json::Value>,
}
