//! National clouds: where the API is served, and so the only host the bearer token goes to.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::Client;

/// A deployment of the API ("national clouds" in Microsoft Graph's concept pages). A token is
/// issued for one cloud, and the client sends it only to that cloud's host: requests, next
/// pages and poll locations elsewhere go without it, or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cloud {
    /// The global service, `https://graph.microsoft.com`.
    Global,
    /// US Government L4, `https://graph.microsoft.us`.
    UsGovL4,
    /// US Government L5 (DOD), `https://dod-graph.microsoft.us`.
    UsGovL5,
    /// Operated by 21Vianet in China, `https://microsoftgraph.chinacloudapi.cn`.
    China,
    /// Another host, such as a proxy or a mock server: `https://host[:port]`, no path.
    Custom(String),
}

impl Cloud {
    /// The cloud's root, without the API version.
    pub fn host(&self) -> &str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5 => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
            Cloud::Custom(host) => host.trim_end_matches('/'),
        }
    }

    /// The base URL of the API version this crate was generated for (the version segment of
    /// [`DEFAULT_BASE_URL`](super::DEFAULT_BASE_URL)).
    pub fn base_url(&self) -> String {
        let version = super::DEFAULT_BASE_URL
            .rsplit_once('/')
            .map_or("", |(_, v)| v);
        format!("{}/{version}", self.host())
    }
}

impl Client {
    /// Sends requests, and the token, to `cloud`.
    pub fn with_cloud(self, cloud: Cloud) -> Self {
        let base = cloud.base_url();
        self.with_base_url(base)
    }
}
