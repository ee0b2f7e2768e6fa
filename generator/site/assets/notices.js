/* The resident site's small script (no dependencies, no requests).
 *
 * 1. Statuses: every [data-rso-status] badge carries its notice's type and
 *    times; the status is re-derived at the reader's clock with the six rules
 *    of the content format (generator/model.py, Notice.status_at).
 * 2. House lookup: a settlement page's form holds, as JSON, the house rules of
 *    every notice that may still matter; parseHouse/covers mirror
 *    generator/houses.py.
 */
(function () {
  "use strict";

  var LABELS = {
    upcoming: "запланировано", active: "действует", overdue: "сроки нарушены",
    completed: "завершено", resolved: "устранено", cancelled: "отменено", info: "информация"
  };
  var CURRENT = { active: true, overdue: true, upcoming: true };

  function time(text) { return text ? Date.parse(text) : null; }

  /* The status of a notice at `now` (milliseconds), from the facts in its badge. */
  function statusAt(facts, now) {
    if (facts.cancelled && time(facts.cancelled) <= now) return "cancelled";
    if (facts.resolved && time(facts.resolved) <= now) return "resolved";
    if (facts.type === "info") return "info";
    var start = time(facts.start), end = time(facts.end);
    (facts.revisions || []).forEach(function (revision) {
      if (time(revision.at) <= now) {
        if (revision.start) start = time(revision.start);
        if (revision.end) end = time(revision.end);
      }
    });
    if (start !== null && now < start) return "upcoming";
    if (end === null || now < end) return "active";
    return facts.type === "planned" ? "completed" : "overdue";
  }

  function badgeFacts(element) {
    var d = element.dataset;
    return {
      type: d.type, start: d.start, end: d.end, resolved: d.resolved, cancelled: d.cancelled,
      revisions: d.revisions ? JSON.parse(d.revisions) : []
    };
  }

  function showStatus(element, status) {
    element.textContent = LABELS[status];
    element.className = element.className.replace(/\brso-status--[a-z]+\b/, "rso-status--" + status);
    element.setAttribute("data-status", status);
  }

  function refreshStatuses(now) {
    var badges = document.querySelectorAll("[data-rso-status]");
    for (var i = 0; i < badges.length; i++) {
      showStatus(badges[i], statusAt(badgeFacts(badges[i]), now));
    }
    var notes = document.querySelectorAll("[data-rso-asof]");
    var when = new Date(now).toLocaleString("ru-RU", {
      day: "numeric", month: "long", hour: "2-digit", minute: "2-digit"
    });
    for (var j = 0; j < notes.length; j++) {
      notes[j].textContent = "Статусы — на " + when + " (время вашего устройства).";
    }
  }

  /* ----- houses: the same grammar as generator/houses.py ----- */

  var HOUSE = /^(\d{1,5})\s*([а-яёa-z]?)\s*(?:(?:к|корп\.?|корпус)\s*(\d+))?\s*(?:\/\s*(\d+))?\s*(?:(?:стр\.?|строение|с)\s*(\d+))?$/;

  function normaliseHouse(text) {
    return String(text).toLowerCase().replace(/ё/g, "е").split(/\s+/).filter(Boolean).join(" ");
  }

  /* A house as typed → [number, label], or null. */
  function parseHouse(text) {
    var m = HOUSE.exec(normaliseHouse(text));
    if (!m) return null;
    var label = m[1] + (m[2] || "");
    if (m[3]) label += "к" + m[3];
    if (m[4]) label += "/" + m[4];
    if (m[5]) label += "с" + m[5];
    return [parseInt(m[1], 10), label];
  }

  function ruleCovers(rule, number, label) {
    if (rule.exact !== null && rule.exact !== undefined) return label === rule.exact;
    if (number < rule.low || number > rule.high) return false;
    return !rule.parity || ((number % 2 === 0) === (rule.parity === "even"));
  }

  /* Whether a parsed house list (HouseSet.to_json()) covers a house as typed. */
  function covers(rules, house) {
    var parsed = parseHouse(house);
    if (!parsed) return false;
    return rules.some(function (rule) { return ruleCovers(rule, parsed[0], parsed[1]); });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function noticeItem(notice, status) {
    var item = element("li");
    item.appendChild(element("span", "rso-status rso-status--" + status, LABELS[status]));
    item.appendChild(document.createTextNode(" "));
    var anchor = element("a", "", notice.title);
    anchor.href = notice.url;
    item.appendChild(anchor);
    item.appendChild(element("span", "rso-lookup__details", " — " + notice.what + "; " + notice.when));
    return item;
  }

  function lookup(data, streetKey, house, now) {
    var found = [];
    data.whole.forEach(function (index) { found.push(index); });
    data.streets.forEach(function (street) {
      if (street.key !== streetKey) return;
      street.notices.forEach(function (pair) {
        if (pair[1] === null || covers(pair[1], house)) found.push(pair[0]);
      });
    });
    var seen = {}, current = [], past = [];
    found.forEach(function (index) {
      if (seen[index]) return;
      seen[index] = true;
      var notice = data.notices[index];
      var status = statusAt(notice.status, now);
      (CURRENT[status] ? current : past).push([notice, status]);
    });
    return { current: current, past: past };
  }

  function answer(form, data, now) {
    var output = form.querySelector(".rso-lookup__result");
    var select = form.querySelector("select");
    var input = form.querySelector("input");
    output.textContent = "";
    if (!select.value) {
      output.appendChild(element("p", "", "Выберите улицу из списка."));
      return;
    }
    var parsed = parseHouse(input.value);
    if (!parsed) {
      output.appendChild(element("p", "", "Не удалось понять номер дома «" + input.value +
        "». Напишите, например: 17, 5а, 19к2 или 12/1."));
      return;
    }
    var streetName = select.value === "*" ? "" : select.options[select.selectedIndex].text + ", ";
    var address = streetName + "дом " + parsed[1];
    var result = lookup(data, select.value, input.value, now);
    if (result.current.length) {
      output.appendChild(element("p", "rso-lookup__yes", address + ": есть отключения (" +
        result.current.length + ")."));
      var list = element("ul");
      result.current.forEach(function (pair) { list.appendChild(noticeItem(pair[0], pair[1])); });
      output.appendChild(list);
    } else {
      output.appendChild(element("p", "rso-lookup__no", address +
        ": действующих и запланированных отключений нет."));
    }
    if (result.past.length) {
      output.appendChild(element("p", "", "Недавно завершились:"));
      var pastList = element("ul");
      result.past.forEach(function (pair) { pastList.appendChild(noticeItem(pair[0], pair[1])); });
      output.appendChild(pastList);
    }
  }

  function setUpLookups() {
    var forms = document.querySelectorAll("form[data-rso-lookup]");
    for (var i = 0; i < forms.length; i++) {
      (function (form) {
        var source = form.querySelector("script.rso-lookup-data");
        if (!source) return;
        var data = JSON.parse(source.textContent);
        form.hidden = false;
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          answer(form, data, Date.now());
        });
      })(forms[i]);
    }
  }

  /* Material wraps wide tables in a scrolling box; a keyboard must reach it too. */
  function labelScrollBoxes() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].hasAttribute("tabindex")) continue;
      boxes[i].setAttribute("tabindex", "0");
      boxes[i].setAttribute("role", "region");
      boxes[i].setAttribute("aria-label", "Таблица " + (i + 1) + ", прокручивается в сторону");
    }
  }

  window.rsoNotices = {
    statusAt: statusAt, parseHouse: parseHouse, covers: covers, lookup: lookup,
    refreshStatuses: refreshStatuses
  };

  function start() {
    refreshStatuses(Date.now());
    setUpLookups();
    labelScrollBoxes();
    if (window.document$ && window.document$.subscribe) {
      window.document$.subscribe(function () { labelScrollBoxes(); });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
