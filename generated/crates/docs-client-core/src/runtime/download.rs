//! Downloads as streams: the bytes of a file as they arrive, never the whole file in memory.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::{service_error, Call, Error, RawResponse, Token};
use futures_util::stream::{self, BoxStream, Stream, StreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};

/// The body of a download, chunk by chunk: `while let Some(chunk) = stream.next().await { .. }`.
/// It is also a [`Stream`].
#[must_use = "a stream does nothing until it is polled"]
pub struct ByteStream(BoxStream<'static, Result<Vec<u8>, Error>>);

impl ByteStream {
    /// The next chunk, or `None` at the end (or after an error).
    pub async fn next(&mut self) -> Option<Result<Vec<u8>, Error>> {
        StreamExt::next(&mut self.0).await
    }
}

impl Stream for ByteStream {
    type Item = Result<Vec<u8>, Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ByteStream")
    }
}

impl<'a, Q> Call<'a, Vec<u8>, Q> {
    /// Sends the call and streams the content instead of collecting it: for files of any
    /// size. A redirect to the download host is followed without the token, as for `.await`.
    pub async fn stream(self) -> Result<ByteStream, Error> {
        let request = self.request()?;
        let (status, headers, response) = self
            .client
            .respond(&request, self.template, self.timeout, Token::OwnOrigin)
            .await?;
        if !(200..300).contains(&status) {
            let body = response.bytes().await.map_err(Error::from_reqwest)?;
            return Err(service_error(&RawResponse {
                status,
                headers,
                body: body.to_vec(),
            }));
        }
        let chunks = stream::unfold(Some(response), |state| async move {
            let mut response = state?;
            match response.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk.to_vec()), Some(response))),
                Ok(None) => None,
                Err(e) => Some((Err(Error::from_reqwest(e)), None)),
            }
        });
        Ok(ByteStream(chunks.boxed()))
    }
}
