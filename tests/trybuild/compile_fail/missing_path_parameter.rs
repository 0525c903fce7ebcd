// `message: send` needs the message id: leaving it out must not compile.
use docs_client::Client;
use docs_client::prelude::*;

async fn send(client: &Client) -> Result<(), docs_client::Error> {
    client.me().message().send().await
}

fn main() {
    drop(send(&Client::new("t")));
}
