//! The service-level report (`/personale/rapport`): a period, then for applications and for
//! complaints each clock's kept, kept late, overdue and running cases with the days taken, as a
//! table and as a bar chart drawn on the server (an SVG with a title and a description, so a
//! screen reader has the same facts), and a link to the same as CSV.
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::service_report::ReportRow;
use crate::domain::time_format::long_date;
use crate::functions::service_report::{service_report, ReportData};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReportPage() -> impl IntoView {
    let lang = current_lang();
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let (fra, til) = (query.get("fra"), query.get("til"));
    let (f2, t2) = (fra.clone(), til.clone());
    view! {
        <Title text=lang.pick("Servicemål – Personale – Træningsportalen", "Service levels – Staff – Træningsportalen")/>
        <h1>{lang.pick("Overholder vi vores servicemål?", "Do we keep our service levels?")}</h1>
        <form method="get" action="/personale/rapport" class="period">
            <div class="field">
                <label for="felt-fra">{lang.pick("Fra og med", "From")}</label>
                <input type="date" id="felt-fra" name="fra" value=f2.unwrap_or_default()/>
            </div>
            <div class="field">
                <label for="felt-til">{lang.pick("Til og med", "To")}</label>
                <input type="date" id="felt-til" name="til" value=t2.unwrap_or_default()/>
            </div>
            <button type="submit" class="button button-secondary">{lang.pick("Vis perioden", "Show the period")}</button>
        </form>
        <Loaded load=move || service_report(fra.clone(), til.clone()) show=move |d| report_view(lang, d)/>
    }
}

fn report_view(lang: Lang, d: ReportData) -> AnyView {
    let csv = format!("/personale/rapport.csv?fra={}&til={}", d.from, d.to);
    view! {
        <p class="lead">{format!(
            "{} · {} {} {} {}: {} {} {} {}.",
            d.municipality_name,
            lang.pick("fra", "from"), long_date(lang, d.from),
            lang.pick("til", "to"), long_date(lang, d.to),
            d.applications, lang.pick("ansøgninger og", "applications and"),
            d.complaints, lang.pick("klager over afgørelser modtaget", "complaints about decisions received"),
        )}</p>
        <p><a href=csv download="">{lang.pick("Hent rapporten som CSV-fil", "Download the report as a CSV file")}</a></p>
        <p class="hint">{lang.pick(
            "Hver frist tælles for de sager, der er modtaget i perioden: overholdt, overholdt for sent, overskredet (ikke nået, og dagen er gået) og i gang. Dage er fra fristen begyndte, til løftet blev holdt.",
            "Each clock is counted over the cases received in the period: kept, kept late, overdue (not kept, and the day has passed) and running. Days are from when the clock started to when the promise was kept.",
        )}</p>
        {section(lang, "ansoegninger", lang.pick("Ansøgninger", "Applications"), d.application_rows)}
        {section(lang, "klager", lang.pick("Klager over afgørelser", "Complaints about decisions"), d.complaint_rows)}
    }
    .into_any()
}

fn section(
    lang: Lang,
    id: &'static str,
    heading: &'static str,
    rows: Vec<ReportRow>,
) -> impl IntoView {
    let body = if rows.is_empty() {
        view! { <p>{lang.pick("Ingen frister i perioden.", "No clocks in the period.")}</p> }
            .into_any()
    } else {
        view! { {chart(lang, id, &rows)}{table(lang, heading, &rows)} }.into_any()
    };
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {body}
        </section>
    }
}

fn days(d: Option<f64>) -> String {
    d.map(|x| format!("{x:.1}").replace(".0", "").replace('.', ","))
        .unwrap_or_else(|| "–".into())
}

fn table(lang: Lang, heading: &str, rows: &[ReportRow]) -> impl IntoView {
    let body = rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{format!("{} ({})", r.name(lang), r.rule_id)}</th>
                    <td>{r.kept}</td>
                    <td>{r.kept_late}</td>
                    <td>{r.overdue}</td>
                    <td>{r.running}</td>
                    <td>{r.kept_share().map(|p| format!("{p} %")).unwrap_or_else(|| "–".into())}</td>
                    <td>{days(r.median_days)}</td>
                    <td>{r.p90_days.map(|p| p.to_string()).unwrap_or_else(|| "–".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table>
                <caption>{format!("{heading}: {}", lang.pick("frister i perioden", "clocks in the period"))}</caption>
                <thead><tr>
                    <th scope="col">{lang.pick("Frist", "Clock")}</th>
                    <th scope="col">{lang.pick("Overholdt", "Kept")}</th>
                    <th scope="col">{lang.pick("For sent", "Late")}</th>
                    <th scope="col">{lang.pick("Overskredet", "Overdue")}</th>
                    <th scope="col">{lang.pick("I gang", "Running")}</th>
                    <th scope="col">{lang.pick("Andel til tiden", "Share on time")}</th>
                    <th scope="col">{lang.pick("Median, dage", "Median, days")}</th>
                    <th scope="col">{lang.pick("90 %, dage", "90 %, days")}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// One horizontal bar per clock, its parts the share kept, kept late, overdue and running. The
/// colours have 3:1 contrast to white (WCAG 1.4.11) and the legend names them in words.
fn chart(lang: Lang, id: &str, rows: &[ReportRow]) -> impl IntoView {
    const WIDTH: f64 = 640.0;
    const LABEL: f64 = 0.0;
    const ROW: f64 = 46.0;
    let parts = [
        ("#00703c", lang.pick("overholdt", "kept")),
        ("#a85d00", lang.pick("for sent", "late")),
        ("#d4351c", lang.pick("overskredet", "overdue")),
        ("#505a5f", lang.pick("i gang", "running")),
    ];
    let height = ROW * rows.len() as f64 + 30.0;
    let title_id = format!("{id}-titel");
    let desc_id = format!("{id}-beskrivelse");
    let desc = rows
        .iter()
        .map(|r| {
            format!(
                "{}: {} {}, {} {}, {} {}, {} {}.",
                r.name(lang),
                r.kept,
                parts[0].1,
                r.kept_late,
                parts[1].1,
                r.overdue,
                parts[2].1,
                r.running,
                parts[3].1
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let total = (r.kept + r.kept_late + r.overdue + r.running).max(1) as f64;
            let y = ROW * i as f64;
            let mut x = LABEL;
            let rects = [r.kept, r.kept_late, r.overdue, r.running]
                .iter()
                .zip(parts)
                .filter(|(n, _)| **n > 0)
                .map(|(n, (colour, _))| {
                    let w = WIDTH * f64::from(*n) / total;
                    let rect = view! { <rect x=format!("{x:.1}") y=format!("{:.1}", y + 18.0) width=format!("{w:.1}") height="20" fill=colour/> };
                    x += w;
                    rect
                })
                .collect_view();
            view! {
                <text x="0" y=format!("{:.1}", y + 13.0) font-size="14" fill="#0b0c0c">{format!("{} ({})", r.name(lang), r.rule_id)}</text>
                {rects}
            }
        })
        .collect_view();
    let legend = parts
        .iter()
        .enumerate()
        .map(|(i, (colour, name))| {
            let x = 160.0 * i as f64;
            view! {
                <rect x=format!("{x:.0}") y=format!("{:.0}", height - 16.0) width="14" height="14" fill=*colour/>
                <text x=format!("{:.0}", x + 20.0) y=format!("{:.0}", height - 4.0) font-size="14" fill="#0b0c0c">{*name}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=format!("{title_id} {desc_id}")>
            <title id=title_id.clone()>{lang.pick("Frister: andel overholdt, for sent, overskredet og i gang", "Clocks: share kept, late, overdue and running")}</title>
            <desc id=desc_id.clone()>{desc}</desc>
            {bars}
            {legend}
        </svg>
    }
}
