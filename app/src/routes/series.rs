//! "Nyt hold": staff plan a weekly series. The form is sent with GET, so the preview (sessions,
//! skipped dates with reasons, warnings on soft rules) works without JavaScript and keeps what
//! was typed; the button under the preview creates the series.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::error_view;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::series::{WEEKDAYS_DA, WEEKDAYS_EN};
use crate::domain::time_format::{clock_time, long_date, long_date_time};
use crate::errors::AppError;
use crate::functions::series::{
    series_form, series_preview, CreateSeries, SeriesFormData, SeriesPlanView,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The form's fields as typed (query parameter, value).
#[derive(Clone, Debug, Default)]
struct Typed(Vec<(&'static str, String)>);

impl Typed {
    fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

const FIELDS: [&str; 9] = [
    "titel", "sted", "terapeut", "ugedag", "starttid", "varighed", "pladser", "fra", "til",
];

#[component]
pub fn SeriesPage() -> impl IntoView {
    let lang = current_lang();
    let query = use_query_map().get_untracked();
    let asked = query.get("ugedag").is_some();
    let typed = Typed(
        FIELDS
            .iter()
            .map(|f| (*f, query.get(f).unwrap_or_default()))
            .collect(),
    );
    let create = ServerAction::<CreateSeries>::new();
    let create_err = Signal::derive(move || create.value().get().and_then(Result::err));
    let t = typed.clone();
    let data = Resource::new(
        || (),
        move |_| {
            let t = t.clone();
            async move {
                let form = series_form().await;
                let preview = match asked {
                    true => Some(
                        series_preview(
                            t.get("ugedag"),
                            t.get("starttid"),
                            t.get("varighed"),
                            t.get("pladser"),
                            t.get("fra"),
                            t.get("til"),
                        )
                        .await,
                    ),
                    false => None,
                };
                (form, preview)
            }
        },
    );
    let body = move || {
        let typed = typed.clone();
        Suspend::new(async move {
            let (form, preview) = data.await;
            let form = match form {
                Ok(f) => f,
                Err(e) => return error_view(e),
            };
            let preview_err: Option<AppError> = preview.clone().and_then(Result::err);
            let err = Signal::derive(move || create_err.get().or(preview_err.clone()));
            view! {
                <h1>{format!("{} – {}", lang.pick("Nyt hold", "New team"), form.municipality_name)}</h1>
                <ErrorSummary error=err/>
                {form_view(lang, &form, &typed, err)}
                {preview.and_then(Result::ok).map(|p| preview_view(lang, p, &typed, create))}
            }
            .into_any()
        })
    };
    view! {
        <Title text=lang.pick("Nyt hold – Træningsportalen", "New team – Træningsportalen")/>
        <Suspense fallback=|| ()>{body}</Suspense>
    }
}

fn text_field(
    lang: Lang,
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: String,
    err: Signal<Option<AppError>>,
) -> impl IntoView {
    let _ = lang;
    let described = hint.map(|_| format!("{id}-hjaelp"));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hjaelp")>{h}</p> })}
            <FieldError error=err field=id/>
            <input type="text" id=id name=id value=value autocomplete="off" aria-describedby=described/>
        </div>
    }
}

fn form_view(
    lang: Lang,
    form: &SeriesFormData,
    typed: &Typed,
    err: Signal<Option<AppError>>,
) -> impl IntoView {
    let chosen_day = typed.get("ugedag");
    let days = (1..=5)
        .map(|d| {
            let v = d.to_string();
            let selected = v == chosen_day;
            let name = lang.pick(WEEKDAYS_DA[d - 1], WEEKDAYS_EN[d - 1]);
            view! { <option value=v selected=selected>{name}</option> }
        })
        .collect_view();
    let chosen_therapist = typed.get("terapeut");
    let therapists = form
        .therapists
        .iter()
        .map(|(id, name)| {
            let v = id.to_string();
            let selected = v == chosen_therapist;
            view! { <option value=v selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    let or = |name: &str, default: &str| {
        let v = typed.get(name);
        if v.is_empty() {
            default.to_string()
        } else {
            v
        }
    };
    view! {
        <form method="get" action="/personale/hold/ny">
            {text_field(lang, "titel", lang.pick("Holdets navn", "Team name"), None, or("titel", "Vedligeholdende holdtræning"), err)}
            {text_field(lang, "sted", lang.pick("Sted", "Place"), None, typed.get("sted"), err)}
            <div class="field">
                <label for="terapeut">{lang.pick("Terapeut", "Therapist")}</label>
                <FieldError error=err field="terapeut"/>
                <select id="terapeut" name="terapeut">
                    <option value="0">{lang.pick("Ingen valgt", "None chosen")}</option>
                    {therapists}
                </select>
            </div>
            <div class="field">
                <label for="ugedag">{lang.pick("Ugedag", "Weekday")}</label>
                <FieldError error=err field="ugedag"/>
                <select id="ugedag" name="ugedag">{days}</select>
            </div>
            {text_field(lang, "starttid", lang.pick("Starttidspunkt", "Start time"), Some(lang.pick("For eksempel 10.00", "For example 10.00")), typed.get("starttid"), err)}
            {text_field(lang, "varighed", lang.pick("Varighed i minutter", "Duration in minutes"), None, or("varighed", "60"), err)}
            {text_field(lang, "pladser", lang.pick("Antal pladser", "Number of places"), None, or("pladser", "8"), err)}
            {text_field(lang, "fra", lang.pick("Første dato", "First date"), Some(lang.pick("For eksempel 2.3.2026", "For example 2.3.2026")), typed.get("fra"), err)}
            {text_field(lang, "til", lang.pick("Sidste dato", "Last date"), Some(lang.pick("For eksempel 29.5.2026", "For example 29.5.2026")), typed.get("til"), err)}
            <button type="submit" class="button button-secondary">{lang.pick("Se tiderne", "See the sessions")}</button>
        </form>
    }
}

fn preview_view(
    lang: Lang,
    p: SeriesPlanView,
    typed: &Typed,
    create: ServerAction<CreateSeries>,
) -> impl IntoView {
    let count = p.plan.sessions.len();
    let sessions = p
        .plan
        .sessions
        .into_iter()
        .map(|s| {
            let warnings = s
                .warnings
                .iter()
                .map(|w| view! { <br/><span class="warning-inline">{format!("{} ({})", lang.pick(&w.text_da, &w.text_en), w.rule_id)}</span> })
                .collect_view();
            view! { <li>{format!("{}–{}", long_date_time(lang, s.starts_at), clock_time(lang, s.ends_at))}{warnings}</li> }
        })
        .collect_view();
    let skipped = (!p.plan.skipped.is_empty()).then(|| {
        view! {
            <h3>{lang.pick("Datoer der springes over", "Dates skipped")}</h3>
            <ul>
                {p.plan.skipped.into_iter().map(|s| {
                    let why = match lang { Lang::Da => s.reasons_da.join(" "), Lang::En => s.reasons_en.join(" ") };
                    view! { <li>{format!("{}: {why}", long_date(lang, s.date))}</li> }
                }).collect_view()}
            </ul>
        }
    });
    let hidden = [
        ("title", "titel"),
        ("place", "sted"),
        ("therapist", "terapeut"),
        ("weekday", "ugedag"),
        ("start", "starttid"),
        ("minutes", "varighed"),
        ("capacity", "pladser"),
        ("from", "fra"),
        ("to", "til"),
    ]
    .into_iter()
    .map(|(name, field)| view! { <input type="hidden" name=name value=typed.get(field)/> })
    .collect_view();
    view! {
        <section aria-labelledby="tiderne">
            <h2 id="tiderne">{format!("{} {}", count, lang.pick("tider", "sessions"))}</h2>
            <ul class="sessions">{sessions}</ul>
            {skipped}
            <ActionForm action=create>
                {hidden}
                <button type="submit" class="button">{lang.pick("Opret holdet", "Create the team")}</button>
            </ActionForm>
        </section>
    }
}
