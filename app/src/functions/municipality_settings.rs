//! What a municipality's administrator sets because the file cannot know it in advance: the
//! closure weeks a standard leaves to each year (SAM-21's three July weeks) and a message shown
//! on the municipality's pages (a training centre closed, say). Each change is kept with who made
//! it and when; the rules use it at once (`ssr::rules_in_force`).
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One yearly closure of the standard and the weeks set for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosureSetting {
    pub rule_id: String,
    /// The standard's words.
    pub source: String,
    pub month: u32,
    pub count: u32,
    /// The year whose weeks are needed next.
    pub coming_year: i32,
    /// Years with the weeks in force, earliest first.
    pub years: Vec<(i32, Vec<u32>)>,
}

/// One change, for the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingChange {
    pub what: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A contact whose phone hours the file gives as data, with the changes in force or coming.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhoneHoursSetting {
    pub rule_id: String,
    pub unit: String,
    pub usual_da: String,
    pub usual_en: String,
    /// The change in force or coming soon, in words.
    pub change_da: Option<String>,
    pub change_en: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsData {
    pub municipality_name: String,
    pub closures: Vec<ClosureSetting>,
    pub phone_hours: Vec<PhoneHoursSetting>,
    pub message: Option<String>,
    /// Every change, newest first.
    pub changes: Vec<SettingChange>,
}

/// The settings page, for the municipality's administrators.
#[server(endpoint = "staff/settings")]
pub async fn settings_page() -> Result<SettingsData, AppError> {
    use crate::domain::closure_weeks::coming_year;
    use crate::domain::people::StaffRole;
    use crate::domain::time_format::local_date;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state, viewer, now, ..
        },
        slug,
    ) = Ctx::staff(&[StaffRole::Admin], Action::ViewSettings).await?;
    let m = crate::ssr::rules_in_force::municipality(&state, &slug).await?;
    let today = local_date(now);
    let closures = m
        .rules
        .booking
        .closures
        .iter()
        .filter_map(|c| {
            let p = c.per_year.as_ref()?;
            let mut years: Vec<(i32, Vec<u32>)> = p
                .weeks
                .iter()
                .filter_map(|(y, w)| Some((y.parse().ok()?, w.clone())))
                .collect();
            years.sort();
            Some(ClosureSetting {
                rule_id: c.rule_id.clone(),
                source: c.source.clone(),
                month: p.month,
                count: p.count,
                coming_year: coming_year(p, today),
                years,
            })
        })
        .collect();
    let phone_hours = m
        .contacts
        .iter()
        .filter_map(|c| {
            use crate::domain::lang::Lang;
            let h = c.hours.as_ref()?;
            Some(PhoneHoursSetting {
                rule_id: h.rule_id.clone(),
                unit: c.unit.clone(),
                usual_da: h.text(Lang::Da),
                usual_en: h.text(Lang::En),
                change_da: h.change_text(Lang::Da, now),
                change_en: h.change_text(Lang::En, now),
            })
        })
        .collect();
    let weeks = state.repo.closure_weeks_of(&slug).await?;
    let messages = state.repo.messages_of(&slug).await?;
    let hours_changes = state.repo.phone_hours_changes_of(&slug).await?;
    let mut changes: Vec<SettingChange> = weeks
        .iter()
        .map(|w| SettingChange {
            what: format!("{} {}: {}", w.rule_id, w.year, w.weeks),
            by: w.set_by_name.clone(),
            at: w.set_at,
        })
        .chain(hours_changes.iter().map(|c| {
            use crate::domain::lang::Lang;
            use crate::domain::opening_hours::{OpenDays, PhoneHours};
            use crate::domain::time_format::long_date;
            let hours = serde_json::from_str::<Vec<OpenDays>>(&c.hours)
                .map(|o| PhoneHours::text_of(&o, Lang::Da))
                .unwrap_or_default();
            SettingChange {
                what: format!(
                    "{} {} – {}: {hours}{}",
                    c.rule_id,
                    long_date(Lang::Da, c.from_on),
                    long_date(Lang::Da, c.to_on),
                    if c.note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", c.note)
                    }
                ),
                by: c.set_by_name.clone(),
                at: c.set_at,
            }
        }))
        .chain(messages.iter().map(|m| SettingChange {
            what: if m.text.trim().is_empty() {
                "–".into()
            } else {
                m.text.clone()
            },
            by: m.set_by_name.clone(),
            at: m.set_at,
        }))
        .collect();
    changes.sort_by_key(|c| std::cmp::Reverse(c.at));
    request::audit(
        &state,
        Some(viewer.person_id),
        None,
        Action::ViewSettings,
        "",
    )
    .await?;
    Ok(SettingsData {
        municipality_name: m.name.clone(),
        closures,
        phone_hours,
        message: crate::ssr::rules_in_force::message(&state, &slug).await?,
        changes,
    })
}

/// Sets the closed weeks of a yearly closure for one year (replacing earlier ones for that year).
#[server(endpoint = "staff/set_closure_weeks")]
pub async fn set_closure_weeks(rule: String, year: String, weeks: String) -> Result<(), AppError> {
    use crate::domain::closure_weeks::check_weeks;
    use crate::domain::people::StaffRole;
    use crate::domain::time_format::local_date;
    use crate::errors::Problem;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        slug,
    ) = Ctx::staff(&[StaffRole::Admin], Action::SetClosureWeeks).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let Some(p) = m
        .rules
        .booking
        .closures
        .iter()
        .find(|c| c.rule_id == rule)
        .and_then(|c| c.per_year.as_ref())
    else {
        return Err(AppError::NotFound);
    };
    let year: i32 = year.trim().parse().map_err(|_| {
        AppError::Invalid(vec![Problem::at(
            "felt-aar",
            lang.pick("Skriv året, fx 2027.", "Give the year, e.g. 2027."),
        )])
    })?;
    let weeks =
        check_weeks(&weeks, year, p, local_date(now)).map_err(|p| AppError::fields(lang, [p]))?;
    request::record(
        &state,
        Some(viewer.person_id),
        None,
        Action::SetClosureWeeks,
        &format!("{rule} {year}: {weeks:?}"),
    )
    .of(
        &state,
        state
            .repo
            .set_closure_weeks(&slug, &rule, year, &weeks, viewer.person_id, now),
    )
    .await?;
    leptos_axum::redirect("/personale/indstillinger?gemt=1");
    Ok(())
}

/// Sets the message shown on the municipality's pages; an empty one removes it.
#[server(endpoint = "staff/set_message")]
pub async fn set_message(text: String) -> Result<(), AppError> {
    use crate::domain::people::StaffRole;
    use crate::errors::Problem;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        slug,
    ) = Ctx::staff(&[StaffRole::Admin], Action::SetMessage).await?;
    let text = text.trim();
    if text.chars().count() > 500 || text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(AppError::Invalid(vec![Problem::at(
            "felt-besked",
            lang.pick(
                "Beskeden kan højst være 500 tegn almindelig tekst.",
                "The message can be at most 500 characters of plain text.",
            ),
        )]));
    }
    request::record(
        &state,
        Some(viewer.person_id),
        None,
        Action::SetMessage,
        if text.is_empty() { "removed" } else { "set" },
    )
    .of(
        &state,
        state.repo.set_message(&slug, text, viewer.person_id, now),
    )
    .await?;
    leptos_axum::redirect("/personale/indstillinger?gemt=1");
    Ok(())
}

/// Changes a contact's phone hours for a while: closed, open at one span on the usual days, or
/// the usual hours again (ending or correcting an earlier change).
#[server(endpoint = "staff/set_phone_hours")]
pub async fn set_phone_hours(
    rule: String,
    from: String,
    to: String,
    way: Option<String>,
    opens: Option<String>,
    closes: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::opening_hours::{check_change, ChangeForm};
    use crate::domain::people::StaffRole;
    use crate::domain::time_format::local_date;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        slug,
    ) = Ctx::staff(&[StaffRole::Admin], Action::SetPhoneHours).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let hours = m
        .contacts
        .iter()
        .filter_map(|c| c.hours.as_ref())
        .find(|h| h.rule_id == rule)
        .ok_or(AppError::NotFound)?;
    let change = check_change(
        hours,
        &ChangeForm {
            from: &from,
            to: &to,
            way: way.as_deref().unwrap_or_default(),
            opens: opens.as_deref().unwrap_or_default(),
            closes: closes.as_deref().unwrap_or_default(),
            note: note.as_deref().unwrap_or_default(),
        },
        local_date(now),
    )
    .map_err(|p| AppError::fields(lang, p))?;
    let new = crate::ssr::db::NewPhoneHoursChange {
        municipality: slug.clone(),
        rule_id: rule.clone(),
        from_on: change.from,
        to_on: change.to,
        hours: serde_json::to_string(&change.open).map_err(|_| AppError::Internal)?,
        note: change.note.clone(),
        set_by: viewer.person_id,
        set_at: now,
    };
    request::record(
        &state,
        Some(viewer.person_id),
        None,
        Action::SetPhoneHours,
        &format!("{rule} {} – {}", change.from, change.to),
    )
    .of(&state, state.repo.add_phone_hours_change(&new))
    .await?;
    leptos_axum::redirect("/personale/indstillinger?gemt=1");
    Ok(())
}
