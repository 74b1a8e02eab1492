//! Checking a municipality file beyond its shape: every field it names, every rule with its
//! source, every contact reachable. The portal refuses to start with a file that has problems.
use super::deadlines::CancellationRule;
use super::municipality::*;

/// One thing wrong with a municipality file: which field, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub field: String,
    pub problem: String,
}

impl Municipality {
    /// Checks what the file says beyond its shape. `file_stem` is the file name without `.toml`.
    pub fn problems(&self, file_stem: &str) -> Vec<FileProblem> {
        let mut out = Vec::new();
        let mut bad = |field: &str, problem: String| {
            out.push(FileProblem {
                field: field.to_string(),
                problem,
            })
        };
        if !is_slug(&self.slug) {
            bad(
                "slug",
                format!(
                    "'{}' must be lower-case letters a-z and '-' only",
                    self.slug
                ),
            );
        } else if self.slug != file_stem {
            bad(
                "slug",
                format!("'{}' must equal the file name '{file_stem}'", self.slug),
            );
        }
        if self.name.trim().is_empty() {
            bad("name", "must not be empty".into());
        }
        if self.kommunekode.len() != 3 || !self.kommunekode.chars().all(|c| c.is_ascii_digit()) {
            bad(
                "kommunekode",
                format!("'{}' must be three digits", self.kommunekode),
            );
        }
        if self.standard.title.trim().is_empty() {
            bad("standard.title", "must not be empty".into());
        }
        if self.contacts.is_empty() {
            bad("contacts", "at least one contact is needed".into());
        }
        // Issue 19: messages go to a unit the file names as a contact, answered in a working
        // week or so.
        if !self.contacts.iter().any(|c| c.unit == self.messages.unit) {
            bad(
                "messages.unit",
                format!(
                    "'{}' must be the unit of one of the contacts",
                    self.messages.unit
                ),
            );
        }
        if !(1..=10).contains(&self.messages.answer_hverdage) {
            bad(
                "messages.answer_hverdage",
                format!(
                    "{} must be between 1 and 10 hverdage",
                    self.messages.answer_hverdage
                ),
            );
        }
        for (i, c) in self.contacts.iter().enumerate() {
            let at = |f: &str| format!("contacts[{i}].{f}");
            if c.unit.trim().is_empty() {
                bad(&at("unit"), "must not be empty".into());
            }
            if c.purpose_da.trim().is_empty() || c.purpose_en.trim().is_empty() {
                bad(
                    &at("purpose_da/purpose_en"),
                    "both languages must be given".into(),
                );
            }
            if c.phone.is_none() && c.email.is_none() && c.address.is_none() && c.web.is_none() {
                bad(
                    &at("phone"),
                    "a contact needs a phone, email, address or web address".into(),
                );
            }
            if let Some(p) = &c.phone {
                let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
                if digits != 8
                    || !p
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == ' ' || c == '/')
                {
                    bad(
                        &at("phone"),
                        format!("'{p}' must be a Danish number of 8 digits"),
                    );
                }
            }
            if let Some(e) = &c.email {
                if !is_email(e) {
                    bad(&at("email"), format!("'{e}' is not an email address"));
                }
            }
            if let Some(w) = &c.web {
                if !w.starts_with("https://") {
                    bad(&at("web"), format!("'{w}' must start with https://"));
                }
            }
            for problem in c.hours.iter().flat_map(|h| h.problems()) {
                bad(&at("hours"), problem);
            }
            if !is_rule_id(&c.rule_id) {
                bad(
                    &at("rule_id"),
                    format!("'{}' is not a rule id like VEJ-25", c.rule_id),
                );
            }
        }
        for problem in super::consent::problems(&self.consent_texts) {
            bad("consent_texts", problem);
        }
        if self.rules.legal_basis.trim().is_empty() {
            bad("rules.legal_basis", "must not be empty".into());
        }
        if let Some(a) = &self.standard.approved {
            if super::standard_currency::approved_on(a).is_none() {
                bad(
                    "standard.approved",
                    format!("'{a}' is not a date like 2025-12-22 or a month like 2025-04"),
                );
            }
        }
        for reason in &self.rules.absence.excused {
            if !super::absence::REASONS.contains(&reason.as_str()) {
                bad(
                    "rules.absence.excused",
                    format!(
                        "'{reason}' is not an absence reason ({})",
                        super::absence::REASONS.join(", ")
                    ),
                );
            }
        }
        let locations = &self.rules.locations;
        if !is_rule_id(&locations.rule_id) {
            bad(
                "rules.locations.rule_id",
                format!("'{}' is not a rule id like VEJ-09", locations.rule_id),
            );
        }
        if locations.places.is_empty() {
            bad(
                "rules.locations.places",
                "at least one place is needed".into(),
            );
        }
        for (i, p) in locations.places.iter().enumerate() {
            if p.code.is_empty()
                || !p.code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                || locations.places[..i].iter().any(|q| q.code == p.code)
            {
                bad(
                    &format!("rules.locations.places[{i}].code"),
                    format!("'{}' must be unique, lower-case letters and '_'", p.code),
                );
            }
            if p.label_da.trim().is_empty() || p.label_en.trim().is_empty() {
                bad(
                    &format!("rules.locations.places[{i}].label_da/label_en"),
                    "both languages must be given".into(),
                );
            }
        }
        if self.rules.training_forms.is_empty() {
            bad(
                "rules.training_forms",
                "at least one training form is needed".into(),
            );
        }
        let c = &self.rules.cancellation;
        match c.rule {
            CancellationRule::DayBeforeAt { hour, minute }
            | CancellationRule::SameDayBefore { hour, minute }
                if hour > 23 || minute > 59 =>
            {
                bad(
                    "rules.cancellation.rule",
                    format!("{hour:02}:{minute:02} is not a time of day"),
                )
            }
            CancellationRule::None if c.source.is_some() => bad(
                "rules.cancellation.source",
                "a rule of kind 'none' has no source phrase; the standard is silent".into(),
            ),
            CancellationRule::None => {}
            _ if c.source.as_deref().is_none_or(|s| s.trim().is_empty()) => bad(
                "rules.cancellation.source",
                "a cancellation deadline needs the standard's phrase".into(),
            ),
            _ => {}
        }
        if !is_rule_id(&c.rule_id) {
            bad(
                "rules.cancellation.rule_id",
                format!("'{}' is not a rule id like BRS-16", c.rule_id),
            );
        }
        for (i, l) in self.rules.service_levels.iter().enumerate() {
            if !is_rule_id(&l.rule_id) {
                bad(
                    &format!("rules.service_levels[{i}].rule_id"),
                    format!("'{}' is not a rule id", l.rule_id),
                );
            }
            if l.source.trim().is_empty() {
                bad(
                    &format!("rules.service_levels[{i}].source"),
                    "give the standard's phrase".into(),
                );
            }
            if self.rules.service_levels[..i].iter().any(|o| o.id == l.id) {
                bad(
                    &format!("rules.service_levels[{i}].id"),
                    format!("'{}' is used twice", l.id),
                );
            }
        }
        for (i, c) in self.rules.booking.closures.iter().enumerate() {
            let at = |f: &str| format!("rules.booking.closures[{i}].{f}");
            if c.iso_weeks.iter().any(|w| !(1..=53).contains(w)) {
                bad(&at("iso_weeks"), "ISO weeks are numbered 1 to 53".into());
            }
            for (name, v) in [("from", &c.from), ("to", &c.to)] {
                if let Some(v) = v {
                    if super::booking::month_day(v).is_none() {
                        bad(
                            &at(name),
                            format!("'{v}' is not a date of the year like 12-24"),
                        );
                    }
                }
            }
            if c.from.is_some() != c.to.is_some() {
                bad(&at("to"), "give both from and to, or neither".into());
            }
        }
        for (i, c) in self.rules.booking.closures.iter().enumerate() {
            let Some(p) = &c.per_year else { continue };
            let at = |f: &str| format!("rules.booking.closures[{i}].per_year.{f}");
            if !(1..=12).contains(&p.month) {
                bad(
                    &at("month"),
                    format!("{} is not a month (1 to 12)", p.month),
                );
            }
            for (year, weeks) in &p.weeks {
                if year
                    .parse::<i32>()
                    .map_or(true, |y| !(2000..=2200).contains(&y))
                {
                    bad(&at("weeks"), format!("'{year}' is not a year like 2026"));
                } else if weeks.len() != p.count as usize {
                    bad(
                        &at("weeks"),
                        format!(
                            "{year} lists {} weeks; the rule says {}",
                            weeks.len(),
                            p.count
                        ),
                    );
                } else if weeks.iter().any(|w| !(1..=53).contains(w)) {
                    bad(
                        &at("weeks"),
                        format!("{year}: ISO weeks are numbered 1 to 53"),
                    );
                }
            }
        }
        if let Some(w) = &self.rules.booking.sessions_per_week {
            if w.max == 0 {
                bad(
                    "rules.booking.sessions_per_week.max",
                    "must be at least 1".into(),
                );
            }
        }
        for (i, q) in self.rules.prescreen.iter().enumerate() {
            let at = |f: &str| format!("rules.prescreen[{i}].{f}");
            if self.rules.prescreen[..i].iter().any(|o| o.id == q.id) {
                bad(&at("id"), format!("'{}' is used twice", q.id));
            }
            if let Some(c) = &q.only_if {
                if !self.rules.prescreen[..i].iter().any(|o| o.id == c.question) {
                    bad(
                        &at("only_if.question"),
                        format!("'{}' must be an earlier question", c.question),
                    );
                }
            }
            if q.advise_when.is_some() != (q.advice_da.is_some() && q.advice_en.is_some()) {
                bad(
                    &at("advice_da/advice_en"),
                    "a question with advise_when needs advice in both languages, and only then"
                        .into(),
                );
            }
            if !is_rule_id(&q.rule_id) {
                bad(&at("rule_id"), format!("'{}' is not a rule id", q.rule_id));
            }
        }
        let k = &self.rules.complaint;
        for (field, id) in [
            ("rules.complaint.contact", &k.contact),
            ("rules.complaint.service_contact", &k.service_contact),
            (
                "rules.complaint.patient_complaints_contact",
                &k.patient_complaints_contact,
            ),
        ] {
            if let Some(id) = id {
                if !self.contacts.iter().any(|c| &c.rule_id == id) {
                    bad(
                        field,
                        format!("'{id}' is not the rule_id of one of the contacts"),
                    );
                }
            }
        }
        if k.weeks == 0 {
            bad("rules.complaint.weeks", "must be at least 1".into());
        }
        if !is_rule_id(&k.rule_id) {
            bad(
                "rules.complaint.rule_id",
                format!("'{}' is not a rule id like SAM-26", k.rule_id),
            );
        }
        if k.source.is_none() && k.rule_id != "GEN-5" {
            bad(
                "rules.complaint.source",
                "give the standard's phrase, or rule_id GEN-5 where it is silent".into(),
            );
        }
        out
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '-')
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !s.contains(' ')
        }
        None => false,
    }
}

fn is_rule_id(s: &str) -> bool {
    match s.split_once('-') {
        Some((prefix, rest)) => {
            prefix.len() == 3
                && prefix.chars().all(|c| c.is_ascii_uppercase())
                && !rest.is_empty()
                && rest.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::booking::BookingRules;
    use crate::domain::calendar::DaysOff;

    fn sample() -> Municipality {
        Municipality {
            slug: "vejen".into(),
            name: "Vejen Kommune".into(),
            kommunekode: "575".into(),
            standard: Standard {
                title: "Kvalitetsstandard".into(),
                source_file: "000.txt".into(),
                approved: None,
            },
            messages: crate::domain::messages::MessageRules {
                unit: "Brørup Sundhedscenter".into(),
                answer_hverdage: 2,
            },
            waiting_list: crate::domain::waiting_list::WaitingListRules {
                hold_until: chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
                min_hold_hours: 3,
                short_hold_minutes: 60,
                last_offer_minutes: 120,
            },
            contacts: vec![Contact {
                unit: "Brørup Sundhedscenter".into(),
                purpose_da: "Afbud".into(),
                purpose_en: "Cancellations".into(),
                phone: Some("79 96 64 34".into()),
                email: None,
                address: None,
                web: None,
                hours: None,
                rule_id: "VEJ-25".into(),
            }],
            consent_texts: crate::domain::consent::Purpose::ALL
                .into_iter()
                .map(|purpose| crate::domain::consent::ConsentText {
                    purpose,
                    version: 1,
                    text_da: "Jeg giver samtykke.".into(),
                    text_en: "I consent.".into(),
                })
                .collect(),
            rules: Rules {
                hearing: Default::default(),
                legal_basis: "SEL § 86, stk. 2".into(),
                training_forms: vec![TrainingForm::Team],
                locations: Locations {
                    rule_id: "VEJ-09".into(),
                    source: "Brørup Sundhedscenter".into(),
                    places: vec![Place {
                        code: "brorup".into(),
                        label_da: "Brørup Sundhedscenter".into(),
                        label_en: "Brørup Sundhedscenter".into(),
                    }],
                },
                cancellation: CancellationConfig {
                    rule: CancellationRule::EndOfDayBefore,
                    rule_id: "VEJ-14".into(),
                    source: Some("senest dagen før".into()),
                    reading: None,
                },
                complaint: ComplaintConfig {
                    weeks: 4,
                    counted_at: ComplaintCountedAt::Received,
                    rule_id: "GEN-5".into(),
                    source: None,
                    contact: None,
                    not_appealable: vec![],
                    service_contact: None,
                    patient_complaints_contact: None,
                    partial_agreement: None,
                },
                service_levels: vec![],
                booking: BookingRules::default(),
                termination: vec![],
                absence: Default::default(),
                provider_cancellation: None,
                prescreen: vec![],
                application_consent: None,
                sla_days_off: DaysOff::SLA_DEFAULT,
                other: vec![],
            },
        }
    }

    #[test]
    fn a_good_file_has_no_problems() {
        assert_eq!(sample().problems("vejen"), vec![]);
    }

    #[test]
    fn places_need_unique_codes_and_both_languages() {
        let mut m = sample();
        let place = m.rules.locations.places[0].clone();
        m.rules.locations.places.push(Place {
            label_en: String::new(),
            ..place
        });
        let fields: Vec<String> = m.problems("vejen").into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                "rules.locations.places[1].code",
                "rules.locations.places[1].label_da/label_en"
            ]
        );
        m.rules.locations.places.clear();
        assert_eq!(m.problems("vejen")[0].field, "rules.locations.places");
    }

    #[test]
    fn slug_must_match_the_file_name() {
        let p = sample().problems("samsoe");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, "slug");
        assert!(p[0].problem.contains("samsoe"));
    }

    #[test]
    fn bad_contact_fields_are_named_with_their_index() {
        let mut m = sample();
        m.contacts[0].phone = Some("79 96 64".into());
        m.contacts[0].email = Some("not-an-address".into());
        let fields: Vec<String> = m.problems("vejen").into_iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["contacts[0].phone", "contacts[0].email"]);
    }

    #[test]
    fn messages_go_to_a_named_unit_within_days() {
        let mut m = sample();
        m.messages.unit = "Et andet sted".into();
        m.messages.answer_hverdage = 0;
        let fields: Vec<String> = m.problems("vejen").into_iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["messages.unit", "messages.answer_hverdage"]);
    }

    #[test]
    fn a_contact_needs_some_way_to_reach_it() {
        let mut m = sample();
        m.contacts[0].phone = None;
        assert_eq!(m.problems("vejen")[0].field, "contacts[0].phone");
    }

    #[test]
    fn a_cancellation_deadline_needs_a_valid_time_and_its_source() {
        let mut m = sample();
        m.rules.cancellation.rule = CancellationRule::DayBeforeAt {
            hour: 24,
            minute: 0,
        };
        assert_eq!(m.problems("vejen")[0].field, "rules.cancellation.rule");
        let mut m = sample();
        m.rules.cancellation.source = None;
        assert_eq!(m.problems("vejen")[0].field, "rules.cancellation.source");
        let mut m = sample();
        m.rules.complaint.rule_id = "SAM-26".into();
        assert_eq!(m.problems("vejen")[0].field, "rules.complaint.source");
    }

    #[test]
    fn prescreen_and_complaint_contact_are_checked() {
        let mut m = sample();
        m.rules.complaint.contact = Some("VEJ-99".into());
        assert_eq!(m.problems("vejen")[0].field, "rules.complaint.contact");
        m.rules.complaint.contact = Some("VEJ-25".into());
        assert_eq!(m.problems("vejen"), vec![]);
        m.rules.prescreen = vec![crate::domain::prescreen::Question {
            id: "same".into(),
            question_da: "?".into(),
            question_en: "?".into(),
            only_if: Some(crate::domain::prescreen::Condition {
                question: "later".into(),
                answer: true,
            }),
            advise_when: Some(true),
            advice_da: Some("råd".into()),
            advice_en: None,
            rule_id: "VEJ-03".into(),
            source: "…".into(),
        }];
        let fields: Vec<String> = m.problems("vejen").into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                "rules.prescreen[0].only_if.question",
                "rules.prescreen[0].advice_da/advice_en"
            ]
        );
    }
}
