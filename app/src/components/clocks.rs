//! The municipality's promises for a case: what is promised, by when, and where it stands. A
//! list, not a table, so it reads sensibly aloud and fits a small phone.
use crate::domain::lang::Lang;
use crate::domain::time_format::long_date;
use crate::views::clocks::ClockView;
use leptos::prelude::*;

pub fn clocks_view(lang: Lang, clocks: Vec<ClockView>) -> impl IntoView {
    let items = clocks
        .into_iter()
        .map(|c| {
            let due = match c.due {
                Some(d) => format!("{} {}", lang.pick("senest", "by"), long_date(lang, d)),
                None => lang
                    .pick(
                        "starter, når sagen når dertil",
                        "starts when the case gets there",
                    )
                    .to_string(),
            };
            let state = match lang {
                Lang::Da => c.state_da,
                Lang::En => c.state_en,
            };
            // A kept promise says when it was kept, and never shows overdue again.
            let state = match c.met {
                Some(day) => format!("{state} {}", long_date(lang, day)),
                None => state,
            };
            let soft = c
                .soft
                .then(|| lang.pick(" (kommunens mål)", " (the municipality's goal)"));
            view! {
                <li class=format!("clock clock-{}", c.state)>
                    <strong>{match lang { Lang::Da => c.name_da, Lang::En => c.name_en }}</strong>
                    {format!(": {due}")}{soft}
                    <span class="clock-state">{format!(" – {state}")}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="clocks">{items}</ul> }
}
