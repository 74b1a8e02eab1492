//! The service-level report: for every clock in a municipality's file, over the cases that
//! started in a period, how many promises were kept, kept late, are overdue or still running,
//! and how many days keeping them took (median and 90th percentile). Pure: the samples are the
//! clocks the case pages show (`case_clocks`, `complaints::clocks`), so the report and the case
//! agree.
use super::case_clocks::ClockState;
use super::lang::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One clock of one case.
#[derive(Clone, Debug, PartialEq)]
pub struct ClockSample {
    pub rule_id: String,
    pub name_da: String,
    pub name_en: String,
    pub state: ClockState,
    /// The day the clock started, and the day the promise was kept.
    pub started: Option<NaiveDate>,
    pub met: Option<NaiveDate>,
}

/// One line of the report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    pub rule_id: String,
    pub name_da: String,
    pub name_en: String,
    pub kept: u32,
    pub kept_late: u32,
    pub overdue: u32,
    /// Started and not yet due (running or due soon).
    pub running: u32,
    /// Days from start to keeping the promise, over those kept (on time or late).
    pub median_days: Option<f64>,
    pub p90_days: Option<i64>,
}

impl ReportRow {
    /// Kept on time, of those decided (kept, kept late or overdue), in whole per cent.
    pub fn kept_share(&self) -> Option<u32> {
        let decided = self.kept + self.kept_late + self.overdue;
        (decided > 0).then(|| (self.kept * 100 + decided / 2) / decided)
    }

    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_da, &self.name_en)
    }
}

/// The median of sorted values (the mean of the middle two for an even count).
fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

/// The nearest-rank percentile of sorted values.
fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    Some(sorted[rank - 1])
}

/// The report's rows, one per clock, in the order the clocks first appear.
pub fn rows(samples: &[ClockSample]) -> Vec<ReportRow> {
    let mut out: Vec<(ReportRow, Vec<i64>)> = Vec::new();
    for s in samples {
        let i = match out
            .iter()
            .position(|(r, _)| r.rule_id == s.rule_id && r.name_da == s.name_da)
        {
            Some(i) => i,
            None => {
                out.push((
                    ReportRow {
                        rule_id: s.rule_id.clone(),
                        name_da: s.name_da.clone(),
                        name_en: s.name_en.clone(),
                        ..ReportRow::default()
                    },
                    Vec::new(),
                ));
                out.len() - 1
            }
        };
        let (row, days) = &mut out[i];
        match s.state {
            ClockState::Kept => row.kept += 1,
            ClockState::KeptLate => row.kept_late += 1,
            ClockState::Overdue => row.overdue += 1,
            ClockState::Running | ClockState::DueSoon => row.running += 1,
            ClockState::NotStarted => {}
        }
        if let (Some(from), Some(to)) = (s.started, s.met) {
            days.push((to - from).num_days().max(0));
        }
    }
    out.into_iter()
        .map(|(mut row, mut days)| {
            days.sort_unstable();
            row.median_days = median(&days);
            row.p90_days = percentile(&days, 90);
            row
        })
        .collect()
}

/// The report as CSV (semicolon-separated, as Danish spreadsheets read it), headed in `lang`.
pub fn csv(rows: &[ReportRow], lang: Lang) -> String {
    let header = match lang {
        Lang::Da => "Regel;Frist;Overholdt;Overholdt for sent;Overskredet;I gang;Median dage;90-percentil dage",
        Lang::En => "Rule;Clock;Kept;Kept late;Overdue;Running;Median days;90th percentile days",
    };
    let field = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = format!("{header}\r\n");
    for r in rows {
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{}\r\n",
            field(&r.rule_id),
            field(r.name(lang)),
            r.kept,
            r.kept_late,
            r.overdue,
            r.running,
            r.median_days.map(|m| format!("{m:.1}")).unwrap_or_default(),
            r.p90_days.map(|p| p.to_string()).unwrap_or_default(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    fn sample(state: ClockState, days: Option<i64>) -> ClockSample {
        ClockSample {
            rule_id: "BRS-09".into(),
            name_da: "Afgørelse".into(),
            name_en: "Decision".into(),
            state,
            started: Some(d(1)),
            met: days.map(|n| d(1) + chrono::Days::new(n as u64)),
        }
    }

    #[test]
    fn counts_each_state_and_the_days_taken() {
        use ClockState::*;
        let samples = [
            sample(Kept, Some(2)),
            sample(Kept, Some(4)),
            sample(KeptLate, Some(20)),
            sample(Kept, Some(6)),
            sample(Overdue, None),
            sample(Running, None),
            sample(DueSoon, None),
            sample(NotStarted, None),
        ];
        let r = &rows(&samples)[0];
        assert_eq!((r.kept, r.kept_late, r.overdue, r.running), (3, 1, 1, 2));
        assert_eq!(r.median_days, Some(5.0));
        assert_eq!(r.p90_days, Some(20));
        assert_eq!(r.kept_share(), Some(60));
        let text = csv(&rows(&samples), Lang::Da);
        assert_eq!(
            text.lines().nth(1),
            Some("\"BRS-09\";\"Afgørelse\";3;1;1;2;5.0;20")
        );
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&ten, 90), Some(9));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(median(&[1, 3]), Some(2.0));
        assert_eq!(median(&[]), None);
    }
}
