/* Search with Pagefind (Russian stemming; only the index chunks a query needs are fetched).
 * Loaded on the search page only. A query may arrive as ?q=… from the home page's form. */
(function () {
  "use strict";
  var root = document.querySelector("[data-rso-search]");
  if (!root) return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base + "/", window.location.href);
  var form = root.querySelector("form");
  var input = root.querySelector("input");
  var status = root.querySelector(".rso-search__status");
  var list = root.querySelector(".rso-search__results");
  var PAGE = 10;
  var pagefind = null;
  var results = [];
  var shown = 0;
  var more = null;

  function plural(count) {
    if (count % 10 === 1 && count % 100 !== 11) return "результат";
    if ([2, 3, 4].indexOf(count % 10) >= 0 && [12, 13, 14].indexOf(count % 100) < 0) return "результата";
    return "результатов";
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ baseUrl: base.pathname }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  /* Pagefind's excerpt with only its <mark> tags kept; everything else becomes text. */
  function excerpt(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createElement("p");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      items.forEach(function (item) {
        var li = document.createElement("li");
        if (item.meta && item.meta.kind) {
          var kind = document.createElement("span");
          kind.className = "rso-search__kind";
          kind.textContent = item.meta.kind + ": ";
          li.appendChild(kind);
        }
        var a = document.createElement("a");
        /* The indexed document is a stand-in: its page's URL is the metadata "url". */
        var page = item.meta && item.meta.url ? new URL(item.meta.url, base).href : item.url;
        a.href = page;
        a.textContent = (item.meta && item.meta.title) || page;
        li.appendChild(a);
        li.appendChild(excerpt(item.excerpt || ""));
        list.appendChild(li);
      });
      if (more) more.remove();
      more = null;
      if (shown < results.length) {
        more = document.createElement("button");
        more.type = "button";
        more.className = "md-button";
        more.textContent = "Показать ещё";
        more.addEventListener("click", showMore);
        list.after(more);
      }
    });
  }

  function run(query) {
    list.textContent = "";
    results = [];
    shown = 0;
    if (more) { more.remove(); more = null; }
    if (!query) { status.textContent = ""; return; }
    status.textContent = "Ищем…";
    load().then(function (module) { return module.search(query); }).then(function (search) {
      results = search.results;
      status.textContent = results.length
        ? "Найдено: " + results.length + " " + plural(results.length) + "."
        : "Ничего не найдено. Попробуйте написать только название улицы или населённого пункта.";
      root.setAttribute("data-rso-query", query);
      return showMore();
    }).catch(function () {
      status.textContent = "Поиск не загрузился. Проверьте соединение и попробуйте ещё раз.";
    });
  }

  root.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    window.history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    run(query);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial.trim());
  }
})();
