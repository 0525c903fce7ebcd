//! Collections: one page, every page as a stream, every item as a stream, and resuming from a
//! stored `@odata.nextLink` or `@odata.deltaLink`.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::{decode_json, same_origin, Call, Client, Error};
use futures_util::stream::{self, BoxStream, Stream, StreamExt};
use serde::de::DeserializeOwned;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Every page of a collection, in order: `while let Some(page) = pages.next().await { .. }`,
/// with no import and no pinning. It is also a [`Stream`] for the combinators of
/// [`StreamExt`](crate::StreamExt).
#[must_use = "a stream does nothing until it is polled"]
pub struct Pages<'a, T>(BoxStream<'a, Result<Page<T>, Error>>);

/// Every item of every page of a collection, in order: `while let Some(item) =
/// items.next().await { .. }`. It is also a [`Stream`].
#[must_use = "a stream does nothing until it is polled"]
pub struct Items<'a, T>(BoxStream<'a, Result<T, Error>>);

impl<T> Pages<'_, T> {
    /// The next page, or `None` after the last (or after an error).
    pub async fn next(&mut self) -> Option<Result<Page<T>, Error>> {
        StreamExt::next(&mut self.0).await
    }
}

impl<T> Items<'_, T> {
    /// The next item, or `None` after the last (or after an error).
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        StreamExt::next(&mut self.0).await
    }
}

impl<T> Stream for Pages<'_, T> {
    type Item = Result<Page<T>, Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl<T> Stream for Items<'_, T> {
    type Item = Result<T, Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl<T> std::fmt::Debug for Pages<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pages")
    }
}

impl<T> std::fmt::Debug for Items<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Items")
    }
}

/// A collection response: one page of items and the links to go on.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: serde::Serialize", deserialize = "T: DeserializeOwned"))]
pub struct Page<T> {
    #[serde(default)]
    pub value: Vec<T>,
    /// Where the next page is; `None` on the last page.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// On the last page of a delta query: where to ask for later changes.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// With `$count=true`: the number of items in the whole collection.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<i64>,
    /// Every other member of the response (`@odata.context`, ...).
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            value: Vec::new(),
            next_link: None,
            delta_link: None,
            count: None,
            additional_properties: serde_json::Map::new(),
        }
    }
}

impl Client {
    /// The page a stored `next_link` or `delta_link` points to. The link must be on this client's
    /// base URL: the bearer token is never sent anywhere else.
    pub fn page_from_link<T: DeserializeOwned + Send>(&self, link: &str) -> Call<'_, Page<T>> {
        let mut call = self.call(reqwest::Method::GET, String::new(), "{link}", decode_json);
        if same_origin(self.base_url(), link) {
            call.set_absolute(link.to_string());
        } else {
            call = call.invalid(format!("link `{link}` is not on the client's base URL"));
        }
        call
    }
}

enum Next<'a, T> {
    First(Call<'a, Page<T>>),
    Link(String, Carried<'a>),
    Done,
}

/// What the first page's call gives every next page: its client, headers (such as
/// `ConsistencyLevel: eventual`, without which an advanced query's next page fails) and timeout.
struct Carried<'a> {
    client: &'a Client,
    headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    timeout: Option<std::time::Duration>,
}

impl<'a> Carried<'a> {
    fn of<T, Q>(call: &Call<'a, T, Q>) -> Carried<'a> {
        Carried {
            client: call.client,
            headers: call.headers.clone(),
            timeout: call.timeout,
        }
    }

    /// The call of the page at `link`.
    fn call<T: DeserializeOwned + Send>(&self, link: &str) -> Call<'a, Page<T>> {
        let mut next = self.client.page_from_link(link);
        next.headers = self.headers.clone();
        next.timeout = self.timeout;
        next
    }
}

impl<'a, T: DeserializeOwned + Send + 'a, Q: 'a> Call<'a, Page<T>, Q> {
    /// Every page, following `@odata.nextLink` until a page has none. Stops after an error.
    pub fn pages(self) -> Pages<'a, T> {
        Pages(
            stream::unfold(Next::First(self.untyped()), |state| async move {
                let (carried, result) = match state {
                    Next::First(call) => (Carried::of(&call), call.send().await),
                    Next::Link(link, carried) => {
                        let result = carried.call(&link).send().await;
                        (carried, result)
                    }
                    Next::Done => return None,
                };
                match result {
                    Ok(page) => {
                        let next = match &page.next_link {
                            Some(link) => Next::Link(link.clone(), carried),
                            None => Next::Done,
                        };
                        Some((Ok(page), next))
                    }
                    Err(e) => Some((Err(e), Next::Done)),
                }
            })
            .boxed(),
        )
    }

    /// Every item of every page, in order.
    pub fn items(self) -> Items<'a, T> {
        Items(
            self.pages()
                .flat_map(|page| {
                    let items: Vec<Result<T, Error>> = match page {
                        Ok(p) => p.value.into_iter().map(Ok).collect(),
                        Err(e) => vec![Err(e)],
                    };
                    stream::iter(items)
                })
                .boxed(),
        )
    }
}
