//! The staff rules preview: staff type facts and see what a municipality's rules answer, the
//! same answers as the public rules API (`domain::rules_answers`).
use crate::domain::booking::Bookable;
use crate::domain::rules_answers::{CancellationAnswer, ClockAnswer, ComplaintAnswer};
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The preview form's fields as typed (query parameters of a GET form).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PreviewQuery {
    /// Which question: "afbud", "klage", "klagebehandling", "frister" or "booking".
    pub q: String,
    pub kommune: String,
    pub session: String,
    pub at: String,
    pub received: String,
    pub letter_date: String,
    pub handed_over: String,
    pub submitted: String,
    pub complaint_received: String,
    pub complaint_maintained: String,
    pub anchor: String,
    pub anchor_at: String,
    pub start: String,
    pub minutes: String,
    pub form: String,
    pub course_start: String,
    pub booked_in_week: String,
    pub plan_per_week: String,
}

impl PreviewQuery {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> PreviewQuery {
        let mut q = PreviewQuery::default();
        for (k, v) in pairs {
            let v = v.to_string();
            match k {
                "q" => q.q = v,
                "kommune" => q.kommune = v,
                "session" => q.session = v,
                "at" => q.at = v,
                "received" => q.received = v,
                "letter_date" => q.letter_date = v,
                "handed_over" => q.handed_over = v,
                "submitted" => q.submitted = v,
                "complaint_received" => q.complaint_received = v,
                "complaint_maintained" => q.complaint_maintained = v,
                "anchor" => q.anchor = v,
                "anchor_at" => q.anchor_at = v,
                "start" => q.start = v,
                "minutes" => q.minutes = v,
                "form" => q.form = v,
                "course_start" => q.course_start = v,
                "booked_in_week" => q.booked_in_week = v,
                "plan_per_week" => q.plan_per_week = v,
                _ => {}
            }
        }
        q
    }
}

/// A field that could not be used, and why, in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub da: String,
    pub en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PreviewAnswer {
    Cancellation(CancellationAnswer),
    Complaint(ComplaintAnswer),
    Clocks(Vec<ClockAnswer>),
    Bookable(Bookable),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewData {
    /// (slug, name) of every municipality.
    pub municipalities: Vec<(String, String)>,
    /// The municipality the forms start with: the one asked about, else the staff member's own.
    pub kommune: String,
    pub answer: Option<PreviewAnswer>,
    pub errors: Vec<FieldError>,
    /// Notes on how a typed time was read (the autumn hour that occurs twice).
    pub notes_da: Vec<String>,
    pub notes_en: Vec<String>,
}

#[server(endpoint = "rules_preview")]
pub async fn rules_preview(query: PreviewQuery) -> Result<PreviewData, AppError> {
    use crate::domain::people::ViewerKind;
    use crate::ssr::request::Ctx;

    let Ctx { state, viewer, .. } = Ctx::signed_in()?;
    let ViewerKind::Staff(_) = viewer.kind else {
        return Err(AppError::Forbidden);
    };
    let own = viewer.municipality.clone().unwrap_or_default();
    let kommune = if state.municipalities.get(&query.kommune).is_some() {
        query.kommune.clone()
    } else {
        own
    };
    let mut data = PreviewData {
        municipalities: state
            .municipalities
            .all()
            .iter()
            .map(|m| (m.slug.clone(), m.name.clone()))
            .collect(),
        kommune: kommune.clone(),
        answer: None,
        errors: vec![],
        notes_da: vec![],
        notes_en: vec![],
    };
    if query.q.is_empty() {
        return Ok(data);
    }
    let in_force = match state.municipalities.get(&kommune) {
        Some(_) => Some(crate::ssr::rules_in_force::municipality(&state, &kommune).await?),
        None => None,
    };
    let Some(m) = in_force.as_ref() else {
        data.errors.push(FieldError {
            field: "kommune".into(),
            da: "Vælg en kommune.".into(),
            en: "Choose a municipality.".into(),
        });
        return Ok(data);
    };
    let answer = answer(m, &query, &mut data);
    if data.errors.is_empty() {
        data.answer = answer;
    }
    Ok(data)
}

/// Whether a paper letter is presumed received 6 delivery days after its date (CAL-8), as the
/// case flow and the rules API count it here.
#[cfg(feature = "ssr")]
fn request_presumption() -> bool {
    crate::ssr::request::state()
        .settings
        .postal_receipt_presumption
}

/// Reads typed fields, collecting what is wrong with them.
#[cfg(feature = "ssr")]
struct Fields<'a> {
    data: &'a mut PreviewData,
}

#[cfg(feature = "ssr")]
impl Fields<'_> {
    fn error(&mut self, field: &str, da: impl Into<String>, en: impl Into<String>) {
        self.data.errors.push(FieldError {
            field: field.into(),
            da: da.into(),
            en: en.into(),
        });
    }

    fn instant(
        &mut self,
        field: &str,
        text: &str,
        required: bool,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        use crate::domain::lang::Lang;
        use crate::domain::time_format::{long_date_time, parse_local, LocalTimeProblem};
        if text.trim().is_empty() {
            if required {
                self.error(
                    field,
                    "Skriv en dato og et klokkeslæt.",
                    "Enter a date and time.",
                );
            }
            return None;
        }
        match parse_local(text) {
            Ok((t, twice)) => {
                if twice {
                    self.data.notes_da.push(format!("Klokkeslættet findes to gange, fordi sommertiden slutter; det første (sommertid) er brugt: {}.", long_date_time(Lang::Da, t)));
                    self.data.notes_en.push(format!("The time occurs twice because summer time ends; the first (summer time) is used: {}.", long_date_time(Lang::En, t)));
                }
                Some(t)
            }
            Err(LocalTimeProblem::Malformed) => {
                self.error(
                    field,
                    "Skriv dato og klokkeslæt som 2026-03-10T12:00.",
                    "Enter the date and time like 2026-03-10T12:00.",
                );
                None
            }
            Err(LocalTimeProblem::Skipped) => {
                self.error(
                    field,
                    "Klokkeslættet findes ikke den dag, fordi uret stilles frem til sommertid. Vælg et andet klokkeslæt.",
                    "That time does not exist on that day, because the clocks go forward for summer time. Choose another time.",
                );
                None
            }
        }
    }

    /// `Some(None)` for an empty field, `None` for a bad one.
    fn day(&mut self, field: &str, text: &str) -> Option<Option<chrono::NaiveDate>> {
        match text.trim() {
            "" => Some(None),
            s => match crate::domain::time_format::parse_day(s) {
                Some(d) => Some(Some(d)),
                None => {
                    self.error(
                        field,
                        "Skriv datoen som 2026-03-10.",
                        "Enter the date like 2026-03-10.",
                    );
                    None
                }
            },
        }
    }

    /// `Some(None)` for an empty field, `None` for a bad one.
    fn count(&mut self, field: &str, text: &str, min: u32) -> Option<Option<u32>> {
        match text.trim() {
            "" => Some(None),
            s => match s.parse::<u32>() {
                Ok(n) if (min..=50).contains(&n) => Some(Some(n)),
                _ => {
                    self.error(
                        field,
                        format!("Skriv et helt tal fra {min} til 50."),
                        format!("Enter a whole number from {min} to 50."),
                    );
                    None
                }
            },
        }
    }
}

#[cfg(feature = "ssr")]
fn answer(
    m: &crate::domain::municipality::Municipality,
    query: &PreviewQuery,
    data: &mut PreviewData,
) -> Option<PreviewAnswer> {
    use crate::domain::booking::CourseFacts;
    use crate::domain::decision_delivery::Delivery;
    use crate::domain::municipality::TrainingForm;
    use crate::domain::rules_answers;
    use crate::domain::service_levels::Anchor;
    use crate::domain::time_format::local_date;
    let mut f = Fields { data };
    match query.q.as_str() {
        "afbud" => {
            let session = f.instant("session", &query.session, true);
            let at = f.instant("at", &query.at, true);
            Some(PreviewAnswer::Cancellation(rules_answers::cancellation(
                m, session?, at?,
            )))
        }
        "klage" => {
            // Exactly one way, as on the decision: the instant it was published (available), a
            // letter's date, or the day it was handed over.
            let letter = f.day("letter_date", &query.letter_date);
            let by_hand = f.day("handed_over", &query.handed_over);
            let given = [&query.received, &query.letter_date, &query.handed_over]
                .iter()
                .filter(|v| !v.trim().is_empty())
                .count();
            let received = f.instant("received", &query.received, given == 0);
            if given > 1 {
                f.error(
                    "received",
                    "Udfyld kun én af de tre: modtaget, brevets dato eller udleveret.",
                    "Fill in only one of the three: received, the letter's date or handed over.",
                );
            }
            let delivery = match (received, letter?, by_hand?) {
                (Some(t), _, _) => Delivery::Portal(t),
                (_, Some(d), _) => Delivery::Letter(d),
                (_, _, Some(d)) => Delivery::InPerson(d),
                _ => return None,
            };
            let submitted = f.instant("submitted", &query.submitted, false);
            Some(PreviewAnswer::Complaint(rules_answers::complaint(
                m,
                delivery,
                request_presumption(),
                submitted,
                None,
            )))
        }
        "klagebehandling" => {
            let received = f.instant("complaint_received", &query.complaint_received, true);
            let maintained = f.instant("complaint_maintained", &query.complaint_maintained, false);
            let received = local_date(received?);
            let mut clocks = rules_answers::clocks(m, Anchor::ComplaintReceived, received);
            if let Some(t) = maintained {
                clocks.extend(rules_answers::clocks(
                    m,
                    Anchor::ComplaintMaintained,
                    local_date(t),
                ));
            }
            Some(PreviewAnswer::Clocks(clocks))
        }
        "frister" => {
            let at = f.instant("anchor_at", &query.anchor_at, true);
            let anchor = Anchor::from_code(&query.anchor).filter(|a| !a.is_complaint());
            if anchor.is_none() {
                f.error(
                    "anchor",
                    "Vælg, hvad fristen regnes fra.",
                    "Choose what the deadline runs from.",
                );
            }
            Some(PreviewAnswer::Clocks(rules_answers::clocks(
                m,
                anchor?,
                local_date(at?),
            )))
        }
        "booking" => {
            let start = f.instant("start", &query.start, true);
            let minutes = match query.minutes.trim().parse::<i64>() {
                Ok(n) if (5..=480).contains(&n) => Some(n),
                _ => {
                    f.error(
                        "minutes",
                        "Skriv varigheden i minutter, fra 5 til 480.",
                        "Enter the length in minutes, from 5 to 480.",
                    );
                    None
                }
            };
            let form = TrainingForm::from_code(&query.form);
            if form.is_none() {
                f.error(
                    "form",
                    "Vælg en træningsform.",
                    "Choose a form of training.",
                );
            }
            let course_start = match query.course_start.trim() {
                "" => Some(None),
                s => match s.parse::<chrono::NaiveDate>() {
                    Ok(d) => Some(Some(d)),
                    Err(_) => {
                        f.error(
                            "course_start",
                            "Skriv datoen som 2026-06-08.",
                            "Enter the date like 2026-06-08.",
                        );
                        None
                    }
                },
            };
            let booked = f.count("booked_in_week", &query.booked_in_week, 0);
            let plan = f.count("plan_per_week", &query.plan_per_week, 1);
            let start = start?;
            let course = CourseFacts {
                first_session: course_start?,
                booked_in_week: booked?.unwrap_or(0),
                plan_per_week: plan?,
            };
            Some(PreviewAnswer::Bookable(rules_answers::bookable(
                m,
                form?,
                start,
                start + chrono::Duration::minutes(minutes?),
                course,
            )))
        }
        _ => {
            f.error("q", "Vælg et spørgsmål.", "Choose a question.");
            None
        }
    }
}
