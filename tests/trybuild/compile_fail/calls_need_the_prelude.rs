// An area's calls on a step areas share (`me()`) are methods of the area's extension trait:
// without `use docs_client::prelude::*;` rustc names the trait to import.
use docs_client::Client;

async fn send(client: &Client) -> Result<(), docs_client::Error> {
    client.me().message("id").send().await
}

fn main() {
    drop(send(&Client::new("t")));
}
