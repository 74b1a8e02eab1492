use crate::components::loaded::error_view;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{iso_local, long_date_time};
use crate::functions::staff::{staff_overview, StaffData};
use leptos::prelude::*;
use leptos_meta::Title;

/// Staff start page: the municipality's coming team sessions and how full they are.
#[component]
pub fn StaffHome() -> impl IntoView {
    let lang = current_lang();
    let data = Resource::new(|| (), |_| staff_overview());
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(o) => staff_view(lang, o).into_any(),
                Err(e) => error_view(e),
            }
        })
    };
    view! {
        <Title text=lang.pick("Personale – Træningsportalen", "Staff – Træningsportalen")/>
        <Suspense fallback=|| ()>{body}</Suspense>
    }
}

fn staff_view(lang: Lang, o: StaffData) -> impl IntoView {
    let rows = o
        .sessions
        .into_iter()
        .map(|s| {
            view! {
                <tr>
                    <td><time datetime=iso_local(s.starts_at)>{long_date_time(lang, s.starts_at)}</time></td>
                    <td>{s.place}</td>
                    <td>{format!("{} / {}", s.booked, s.capacity)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{format!("{} – {}", lang.pick("Personale", "Staff"), o.municipality_name)}</h1>
        <h2>{lang.pick("Kommende holdtræninger", "Upcoming team sessions")}</h2>
        <div class="table-scroll">
            <table>
                <caption class="visually-hidden">{lang.pick("Holdtræninger med tilmeldte", "Team sessions with bookings")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.pick("Tidspunkt", "Time")}</th>
                        <th scope="col">{lang.pick("Sted", "Place")}</th>
                        <th scope="col">{lang.pick("Tilmeldte / pladser", "Booked / places")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
