//! Bearer tokens: a fixed one, or one the caller fetches and refreshes.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

/// A boxed future, as trait methods return them.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A bearer token. Neither `Debug` nor any error shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(token.into())
    }

    /// The token itself, for the `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// Why no token could be had. The message must not contain the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot get an access token: {0}")]
pub struct AuthError(pub String);

/// Where the client gets its bearer token from.
pub trait TokenProvider: Send + Sync {
    /// The token to send. `refresh` is true after the service answered `401` to the previous
    /// token: a provider that can, fetches a new one.
    fn token(&self, refresh: bool) -> BoxFuture<'_, Result<AccessToken, AuthError>>;
}

/// The same token for every request.
#[derive(Debug, Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(AccessToken::new(token))
    }
}

impl TokenProvider for StaticToken {
    fn token(&self, _refresh: bool) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// A token fetched by the caller's closure: kept until the service rejects it, then fetched again.
pub struct RefreshingToken<F> {
    fetch: F,
    cached: Mutex<Option<AccessToken>>,
}

impl<F> RefreshingToken<F> {
    pub fn new(fetch: F) -> Self {
        RefreshingToken {
            fetch,
            cached: Mutex::new(None),
        }
    }
}

impl<F> fmt::Debug for RefreshingToken<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshingToken(<redacted>)")
    }
}

impl<F, Fut> TokenProvider for RefreshingToken<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, AuthError>> + Send,
{
    fn token(&self, refresh: bool) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        Box::pin(async move {
            if !refresh {
                let cached = self.cached.lock().map(|c| c.clone()).unwrap_or(None);
                if let Some(token) = cached {
                    return Ok(token);
                }
            }
            let token = AccessToken::new((self.fetch)().await?);
            if let Ok(mut cached) = self.cached.lock() {
                *cached = Some(token.clone());
            }
            Ok(token)
        })
    }
}
