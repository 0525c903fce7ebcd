// An enum property takes the enum, not a string.
use docs_client::models::Message;

fn main() {
    let _ = Message {
        importance: docs_client::Nullable::Value("high".to_string()),
        ..Default::default()
    };
}
