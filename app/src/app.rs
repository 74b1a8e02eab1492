//! The HTML shell and the routes.
use crate::components::layout::{Footer, Header, SkipLink};
use crate::context::current_lang;
use crate::routes::{
    dev_sign_in::DevSignIn, home::Home, municipalities::MunicipalitiesPage, not_found::NotFound,
    overview::Overview, rules::RulesPage, sign_in::SignIn, staff::StaffHome,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href="/pkg/traeningsportalen.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
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
                    <Route path=path!("/dev/log-ind") view=DevSignIn ssr=SsrMode::Async/>
                    <Route path=path!("/oversigt") view=Overview ssr=SsrMode::Async/>
                    <Route path=path!("/personale") view=StaffHome ssr=SsrMode::Async/>
                    <Route path=path!("/kommuner") view=MunicipalitiesPage ssr=SsrMode::Async/>
                    <Route path=path!("/regler/:slug") view=RulesPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
