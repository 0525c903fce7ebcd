// `message: send` is documented as 202 with no body: its result is `()`, not a message.
use docs_client::{models::Message, Client};
use docs_client::prelude::*;

async fn send(client: &Client) -> Result<Message, docs_client::Error> {
    client.me().message("id").send().await
}

fn main() {
    drop(send(&Client::new("t")));
}
