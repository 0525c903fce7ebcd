// A member the request body table marks Required cannot be left out: `message` is required by
// "user: sendMail", so the body type has no `Default` and no optional `message`.
use docs_client::models::SendMailBody;

fn main() {
    let _ = SendMailBody {
        save_to_sent_items: false.into(),
        additional_properties: Default::default(),
    };
}
