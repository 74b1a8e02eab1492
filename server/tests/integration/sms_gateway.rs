//! A small SMS gateway on loopback for the tests, speaking the API the README documents: it
//! takes `POST /v1/messages` with the bearer token and JSON `{id, to, text}`, keeps every message
//! it accepts, refuses a wrong token (401) and a number in the 29 series (400, repeating the
//! number, as providers do), and can be stopped and started again on the same port, as a
//! provider that goes down and comes back.
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use std::sync::{Arc, Mutex};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub const TOKEN: &str = "test-gateway-token";

#[derive(Clone, Debug)]
pub struct Sms {
    pub id: String,
    pub to: String,
    pub text: String,
    /// The `Idempotency-Key` header.
    pub idempotency_key: String,
}

pub struct SmsGateway {
    pub port: u16,
    received: Arc<Mutex<Vec<Sms>>>,
    task: Option<JoinHandle<()>>,
}

impl SmsGateway {
    pub async fn start() -> SmsGateway {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let task = Some(serve(listener, received.clone()));
        SmsGateway {
            port,
            received,
            task,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/v1/messages", self.port)
    }

    /// Every message accepted, in order.
    pub fn messages(&self) -> Vec<Sms> {
        self.received.lock().unwrap().clone()
    }

    /// The messages to one number (+45 and eight digits).
    pub fn to(&self, number: &str) -> Vec<Sms> {
        self.messages()
            .into_iter()
            .filter(|m| m.to == number)
            .collect()
    }

    /// Stops listening: connections are refused until `restart`.
    pub fn stop(&mut self) {
        if let Some(t) = self.task.take() {
            t.abort();
        }
    }

    pub async fn restart(&mut self) {
        self.stop();
        let listener = crate::support::listen_again(self.port).await;
        self.task = Some(serve(listener, self.received.clone()));
    }
}

fn serve(listener: TcpListener, received: Arc<Mutex<Vec<Sms>>>) -> JoinHandle<()> {
    let app = Router::new().route(
        "/v1/messages",
        post(
            move |headers: HeaderMap, Json(body): Json<serde_json::Value>| {
                let received = received.clone();
                async move {
                    let header = |name: &str| {
                        headers
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_string()
                    };
                    if header("authorization") != format!("Bearer {TOKEN}") {
                        return StatusCode::UNAUTHORIZED.into_response();
                    }
                    let field = |name: &str| body[name].as_str().unwrap_or_default().to_string();
                    if field("to").starts_with("+4529") {
                        let said = format!("invalid recipient {}", field("to"));
                        return (StatusCode::BAD_REQUEST, said).into_response();
                    }
                    received.lock().unwrap().push(Sms {
                        id: field("id"),
                        to: field("to"),
                        text: field("text"),
                        idempotency_key: header("idempotency-key"),
                    });
                    StatusCode::ACCEPTED.into_response()
                }
            },
        ),
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    })
}
