//! What a component may ask about the current request. On the server these read the request
//! context set by the session middleware; in the browser (islands only) they are never needed
//! and return neutral values.
use crate::domain::lang::Lang;
use crate::domain::people::Viewer;

pub fn current_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::request::lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::Da
    }
}

pub fn current_viewer() -> Option<Viewer> {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::request::viewer()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

pub fn is_development() -> bool {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<crate::ssr::state::AppState>()
            .is_some_and(|s| s.settings.is_development())
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// (seconds left, extendable) of the current session, when there is one.
pub fn current_session_left() -> Option<(i64, bool)> {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::request::context()
            .session_left
            .map(|l| (l.seconds, l.extendable))
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Whether sign-in for (citizens, staff) is configured on this server.
pub fn oidc_configured() -> (bool, bool) {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<crate::ssr::state::AppState>().map_or((false, false), |s| {
            (s.settings.oidc.is_some(), s.settings.staff_oidc.is_some())
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        (false, false)
    }
}

pub fn municipality_name(slug: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<crate::ssr::state::AppState>()
            .map(|s| s.municipalities.name_of(slug))
            .unwrap_or_else(|| slug.to_string())
    }
    #[cfg(not(feature = "ssr"))]
    {
        slug.to_string()
    }
}

/// Sets the HTTP status of the page being rendered.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(opts), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        opts.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Sends the browser elsewhere (a 302 while the page renders on the server).
pub fn redirect(path: &str) {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(path);
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// What was typed in the form field `name` when its post just failed (`ssr::typed_back`), to
/// show again; `None` when nothing came back. A form's field shows this before anything stored.
pub fn typed(name: &str) -> Option<String> {
    typed_all(name).into_iter().next_back()
}

/// Every value typed under `name` (checkboxes of one name), when the form's post just failed.
pub fn typed_all(name: &str) -> Vec<String> {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::request::typed_fields()
            .into_iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v)
            .collect()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        Vec::new()
    }
}

/// Whether the form just came back after a failed post with fields to show again (then an
/// unticked box was unticked on purpose, not merely unstored).
pub fn typed_back() -> bool {
    #[cfg(feature = "ssr")]
    {
        !crate::ssr::request::typed_fields().is_empty()
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}
