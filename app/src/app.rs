//! The HTML shell and the routes.
use crate::components::layout::{Footer, Header, SkipLink};
use crate::context::current_lang;
use crate::routes::{
    absence::AbsencePage,
    acting_for::ActingForPage,
    apply::{ApplyPage, CheckPage, ReceiptPage},
    booking::{CancelPage, TrainingPage},
    case_status::CaseStatusPage,
    casework::{CasePage, InboxPage},
    complaint_handling::{ComplaintCasePage, ComplaintInboxPage},
    complaints::{
        ComplaintStatusPage, ComplaintsPage, DecisionComplaintPage, ServiceComplaintPage,
    },
    consents::{ConsentsPage, WithdrawConsentPage},
    decision::DecisionPage,
    dev::{DevMailPage, DevSignIn},
    hearings::{CoursesPage, HearingPage, HearingsPage, NewHearingPage, StaffHearingPage},
    home::Home,
    intake::IntakePage,
    messages::MessagesPage,
    move_booking::MovePage,
    municipalities::{MunicipalitiesPage, RulesPage},
    municipality_settings::SettingsPage,
    my_data::MyLogPage,
    not_found::NotFound,
    notify::NotifyPage,
    overview::Overview,
    powers::{GrantPage, InvitationPage, PowersPage},
    rules_preview::RulesPreview,
    series::SeriesPage,
    service_report::ReportPage,
    sign_in::{SignIn, SignInRefused},
    staff::StaffHome,
    staff_messages::{MessageInboxPage, MessageThreadPage},
    staff_powers::StaffPowersPage,
    tasks::TasksPage,
    team_sessions::TeamSessionPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    // No page has an island: nothing is hydrated, and the page's data is never written into
    // it for a browser to pick up (HydrationScripts would say this; no page loads it).
    #[cfg(feature = "ssr")]
    if let Some(sc) = leptos::reactive::owner::Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    // cargo-leptos's live reload, only while `cargo leptos watch` runs.
    let reload = std::env::var_os("LEPTOS_WATCH")
        .is_some()
        .then(|| view! { <AutoReload options=options.clone()/> });
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href=crate::assets::path("traeningsportalen.css")/>
                <link rel="icon" href=crate::assets::path("favicon.svg") type="image/svg+xml"/>
                {reload}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy: scripts only from here (the idle-session warning's file)
/// or with this response's nonce (development's live reload), no inline styles or scripts
/// otherwise, no wasm, no framing.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let (Some(nonce), Some(opts)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    // cargo-leptos's live reload in development talks over a websocket on another port.
    let reload = if crate::context::is_development() {
        " ws://127.0.0.1:* ws://localhost:*"
    } else {
        ""
    };
    // Signing out is a form post answered by a redirect to the provider's end-session endpoint,
    // which browsers check against form-action.
    let providers: String = use_context::<crate::ssr::state::AppState>()
        .map(|s| {
            let mut origins: Vec<String> =
                [s.settings.oidc.as_ref(), s.settings.staff_oidc.as_ref()]
                    .into_iter()
                    .flatten()
                    .filter_map(|o| origin_of(&o.issuer))
                    .chain(
                        crate::ssr::oidc::known_end_session_urls(&s)
                            .iter()
                            .filter_map(|u| origin_of(u)),
                    )
                    .collect();
            origins.sort();
            origins.dedup();
            origins.iter().map(|o| format!(" {o}")).collect()
        })
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'{reload}; form-action 'self'{providers}; frame-ancestors 'none'; \
         base-uri 'none'; object-src 'none'"
    );
    if let Ok(v) = http::HeaderValue::from_str(&policy) {
        opts.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

/// `https://broker.example.dk` of `https://broker.example.dk/realms/x`; only a plain origin of
/// safe characters, so nothing can be added to the policy through a setting.
#[cfg(feature = "ssr")]
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    let safe = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    };
    (matches!(scheme, "http" | "https") && safe(host)).then(|| format!("{scheme}://{host}"))
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <SkipLink/>
            <Header/>
            <main id="indhold" tabindex="-1" class="wrap">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/log-ind") view=SignIn/>
                    <Route path=path!("/log-ind/fejl") view=SignInRefused/>
                    <Route path=path!("/dev/log-ind") view=DevSignIn ssr=SsrMode::Async/>
                    <Route path=path!("/oversigt") view=Overview ssr=SsrMode::Async/>
                    <Route path=path!("/handler-for") view=ActingForPage ssr=SsrMode::Async/>
                    <Route path=path!("/ansoeg") view=ApplyPage ssr=SsrMode::Async/>
                    <Route path=path!("/ansoeg/tjek") view=CheckPage ssr=SsrMode::Async/>
                    <Route path=path!("/ansoeg/kvittering/:reference") view=ReceiptPage ssr=SsrMode::Async/>
                    <Route path=path!("/traening") view=TrainingPage ssr=SsrMode::Async/>
                    <Route path=path!("/traening/afmeld/:session") view=CancelPage ssr=SsrMode::Async/>
                    <Route path=path!("/traening/flyt/:session") view=MovePage ssr=SsrMode::Async/>
                    <Route path=path!("/traening/fravaer") view=AbsencePage ssr=SsrMode::Async/>
                    <Route path=path!("/ansoegning/:reference") view=CaseStatusPage ssr=SsrMode::Async/>
                    <Route path=path!("/afgoerelse/:id") view=DecisionPage ssr=SsrMode::Async/>
                    <Route path=path!("/klager") view=ComplaintsPage ssr=SsrMode::Async/>
                    <Route path=path!("/klage/traening") view=ServiceComplaintPage ssr=SsrMode::Async/>
                    <Route path=path!("/klage/afgoerelse/:id") view=DecisionComplaintPage ssr=SsrMode::Async/>
                    <Route path=path!("/klage/:reference") view=ComplaintStatusPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/klager") view=ComplaintInboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/partshoering/:id") view=HearingPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/forloeb") view=CoursesPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/modtag") view=IntakePage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/indstillinger") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/rapport") view=ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/opgaver") view=TasksPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/partshoeringer") view=HearingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/partshoeringer/ny") view=NewHearingPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/partshoeringer/:id") view=StaffHearingPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/klager/:reference") view=ComplaintCasePage ssr=SsrMode::Async/>
                    <Route path=path!("/fuldmagter") view=PowersPage ssr=SsrMode::Async/>
                    <Route path=path!("/min-log") view=MyLogPage ssr=SsrMode::Async/>
                    <Route path=path!("/besked") view=NotifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/beskeder") view=MessagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/beskeder") view=MessageInboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/beskeder/:id") view=MessageThreadPage ssr=SsrMode::Async/>
                    <Route path=path!("/samtykker") view=ConsentsPage ssr=SsrMode::Async/>
                    <Route path=path!("/samtykker/:id/traek-tilbage") view=WithdrawConsentPage ssr=SsrMode::Async/>
                    <Route path=path!("/fuldmagter/ny") view=GrantPage ssr=SsrMode::Async/>
                    <Route path=path!("/fuldmagt/:token") view=InvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/fuldmagter") view=StaffPowersPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/ansoegninger") view=InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/ansoegninger/:reference") view=CasePage ssr=SsrMode::Async/>
                    <Route path=path!("/dev/post") view=DevMailPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale") view=StaffHome ssr=SsrMode::Async/>
                    <Route path=path!("/personale/hold/ny") view=SeriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/hold/:session") view=TeamSessionPage ssr=SsrMode::Async/>
                    <Route path=path!("/personale/regler") view=RulesPreview ssr=SsrMode::Async/>
                    <Route path=path!("/kommuner") view=MunicipalitiesPage ssr=SsrMode::Async/>
                    <Route path=path!("/regler/:slug") view=RulesPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
