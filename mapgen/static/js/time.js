/* time.js (pure; loads under node too): dates of any era for the time slider.
   Days are ISO strings ("0676-01-01", "-0230-12-31": ISO year -230 is 231 BCE, 0 is 1 BCE).
   The slider's value 0 is "all dates"; 1.. counts months from January of the first year, or
   whole years for a long span (step "year"). */
(function () {
  "use strict";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* ISO years as readers write them: 1953, 676, 231 BCE */
  function yearLabel(y) {
    return y <= 0 ? 1 - y + " BCE" : String(y);
  }

  function isoYear(y) {
    var a = String(Math.abs(y));
    while (a.length < 4) a = "0" + a;
    return (y < 0 ? "-" : "") + a;
  }

  /* An ISO day -> a number that sorts as the day does (strings do not: years of any length
     and BCE years); NaN for anything else. */
  function dayKey(iso) {
    var m = /^(-?)(\d+)-(\d\d)-(\d\d)$/.exec(iso || "");
    if (!m) return NaN;
    return (m[1] ? -1 : 1) * parseInt(m[2], 10) * 10000 + parseInt(m[3], 10) * 100 + parseInt(m[4], 10);
  }

  function daysIn(y, m) {
    return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].indexOf(m) >= 0 ? 30 : 31;
  }

  /* cfg: {from, to, step}: how many positions the slider has after 0 */
  function steps(cfg) {
    return (cfg.to - cfg.from + 1) * (cfg.step === "year" ? 1 : 12);
  }

  /* The period a slider value stands for: {first, last, label, key}; null for 0 (all dates) */
  function period(value, cfg) {
    if (!(value > 0)) return null;
    var i = value - 1;
    if (cfg.step === "year") {
      var yy = cfg.from + i;
      return { first: isoYear(yy) + "-01-01", last: isoYear(yy) + "-12-31", label: yearLabel(yy), key: isoYear(yy) };
    }
    var y = cfg.from + Math.floor(i / 12);
    var m = (i % 12) + 1;
    var first = isoYear(y) + "-" + pad(m);
    return { first: first + "-01", last: first + "-" + pad(daysIn(y, m)), label: MONTHS[m - 1] + " " + yearLabel(y), key: first };
  }

  /* The slider value of a period's key ("1951-06", "-0230", "1951"), or undefined when the
     key is malformed or outside the slider */
  function valueOf(key, cfg) {
    var ym = /^(-?\d{4,6})(?:-(\d{2}))?$/.exec(key || "");
    if (!ym || !cfg) return undefined;
    var year = parseInt(ym[1], 10), month = ym[2] ? parseInt(ym[2], 10) : 1;
    if (month < 1 || month > 12 || year < cfg.from || year > cfg.to) return undefined;
    return cfg.step === "year" ? year - cfg.from + 1 : (year - cfg.from) * 12 + month;
  }

  /* A feature with an active period (start, end) shows within it; one with dated events
     shows from its first event; an undated one always shows, as does every one for no period. */
  function visibleAt(p, per) {
    if (!per) return true;
    var lo = dayKey(per.first), hi = dayKey(per.last);
    if (p.start || p.end) {
      return (!p.start || dayKey(p.start) <= hi) && (!p.end || dayKey(p.end) >= lo);
    }
    if (p.events && p.events.length) {
      var first = Math.min.apply(null, p.events.map(dayKey));
      return first <= hi;
    }
    return true;
  }

  var time = { yearLabel: yearLabel, isoYear: isoYear, dayKey: dayKey, daysIn: daysIn, steps: steps, period: period, valueOf: valueOf, visibleAt: visibleAt };
  if (typeof window === "undefined") module.exports = time;
  else window.mapgen.time = time;
})();
