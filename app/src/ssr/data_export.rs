//! `GET /min-log/data.json`: the citizen's own data and log as a file to keep. A plain route, so
//! a link downloads it with or without JavaScript.
use super::request::RequestContext;
use super::state::AppState;
use crate::functions::my_data::my_data;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use http::{header, HeaderValue};

pub const PATH: &str = "/min-log/data.json";

pub async fn download(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestContext>,
) -> Response {
    match my_data(&state, ctx.viewer, ctx.lang).await {
        Ok(data) => {
            let mut res = axum::Json(data).into_response();
            res.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static(
                    "attachment; filename=\"traeningsportalen-mine-data.json\"",
                ),
            );
            res
        }
        Err(e) => (e.status(), e.message(ctx.lang)).into_response(),
    }
}
