// An enum property takes the enum, not a string.
use docs_client::models::Message;

fn main() {
    let _ = Message {
        importance: Some("high".to_string()),
        ..Default::default()
    };
}
