/*
 * The simulator's stand-in for the CCS Generic Softphone.
 *
 * Call state comes from the simulator's server-sent events (GET <base>/events?session=..); buttons use the
 * classic API with the page's own session (GET /api/?function=click2hang&session=..). The page tells its
 * host (the desktop app's QtWebEngine view, listening in an isolated world) what happens through DOM events:
 *
 *   window.dispatchEvent(new CustomEvent("ccs-softphone", {detail: JSON.stringify(message)}))
 *
 * with `detail` a JSON string and `message` one of
 *   {"type": "ready", "agent", "email"}                 session accepted and the event stream is open
 *   {"type": "login_required", "message"}               session rejected; the page shows its own login
 *   {"type": "call", "callid", "state", "direction", "number", "disposition" (ended only), "queue" (if any)}
 *       state: "ringing" | "talking" | "hold" | "ended"; direction: "in" | "out"
 *   {"type": "status", "status"}                        the status pill's text changed
 *   {"type": "connection", "state": "connected" | "disconnected"}
 *                                                       the event stream dropped, or came back (then "ready" too)
 *
 * Like most browser softphones it also raises a Web Notification when an inbound call rings (permission is asked
 * on load), which a host that does not know the DOM events above still hears:
 *
 *   new Notification("Incoming call", {body: "<caller's number>\nQueue: <queue>", tag: <callid>})
 *
 * `tag` is the call's id, the same as `callid` in the DOM events and `key` in v1 activecall/user; the page closes
 * the notification when the call is answered or ends.
 *
 * Like the real softphone, closing or reloading this page does NOT hang up a live call.
 * The session is read from the address and never put on screen.
 */
(function () {
  "use strict";

  var HOST_EVENT = "ccs-softphone";
  var RECENT_LIMIT = 5;
  var ENDED_SHOWN_MS = 4000;
  var NOTICE_MS = 8000;
  var RETRY_MS = 3000;
  // The simulator's call states -> the bridge contract's; anything else is ignored.
  var STATES = {
    dialing: "ringing",
    ringing: "ringing",
    talking: "talking",
    answered: "talking",
    hold: "hold",
    ended: "ended"
  };
  var STATUS = {
    registering: "Registering",
    ready: "Ready",
    ringing: "Ringing",
    talking: "In call",
    hold: "On hold",
    disconnected: "Disconnected"
  };
  var CALL_STATE_TEXT = { ringing: "Ringing…", talking: "Talking", hold: "On hold", ended: "Call ended" };
  var DISPOSITIONS = {
    ANSWER: "Answered",
    BUSY: "Busy",
    NOANSWER: "No answer",
    CANCEL: "Cancelled",
    CONGESTION: "Number not recognised",
    CHANUNAVAIL: "Line unavailable",
    DONTCALL: "Rejected",
    TORTURE: "Rejected",
    INVALIDARGS: "Invalid number",
    ABANDON: "Abandoned"
  };
  var LOGIN_TEXTS = {
    "Not signed in": "Sign in to start the softphone.",
    "Invalid session": "Your session is not valid. Please sign in again.",
    "Session expired": "Your session has expired. Please sign in again."
  };

  var body = document.body;
  var session = new URLSearchParams(window.location.search).get("session") || "";
  var base = body.getAttribute("data-base") || "";

  function $(id) { return document.getElementById(id); }

  var ui = {
    avatar: $("avatar"),
    agentName: $("agent-name"),
    agentEmail: $("agent-email"),
    status: $("status"),
    call: $("call"),
    direction: $("call-direction"),
    callState: $("call-state"),
    callNumber: $("call-number"),
    timer: $("call-timer"),
    hold: $("hold"),
    hangup: $("hangup"),
    notice: $("notice"),
    noticeText: $("notice-text"),
    noticeClose: $("notice-close"),
    dialForm: $("dial-form"),
    number: $("number"),
    backspace: $("backspace"),
    keypad: $("keypad"),
    dial: $("dial"),
    recent: $("recent"),
    recentEmpty: $("recent-empty"),
    loginForm: $("login-form"),
    loginReason: $("login-reason"),
    loginNote: $("login-note")
  };

  var page = {
    agent: body.getAttribute("data-agent") || "",
    email: body.getAttribute("data-email") || "",
    source: null,        // the EventSource while the phone is up
    connected: false,    // a hello arrived on the current stream
    everConnected: false,
    call: null,          // {callid, state, direction, number, talkStart (ms, local clock) or null, disposition}
    seen: Object.create(null),  // callid -> last state told to the host, so each change is told exactly once
    seenOrder: [],
    recent: [],
    status: "",
    busy: false,         // an API request from a button is in flight
    endedTimer: 0,
    noticeTimer: 0,
    retryTimer: 0,
    toldLogin: false,
    notification: null,  // {callid, note}: the Web Notification of the inbound call ringing now
    toldConnected: null  // the last connection state told to the host
  };

  // --- talking to the host -------------------------------------------------------------------------------

  function tell(message) {
    try {
      window.dispatchEvent(new CustomEvent(HOST_EVENT, { detail: JSON.stringify(message) }));
    } catch (error) {
      // A listener's failure is the host's business; the phone keeps working.
    }
  }

  // Each change of the link is told once: "disconnected" when a working stream drops, "connected" when it is back.
  function tellConnection(connected) {
    if (page.toldConnected === connected) { return; }
    page.toldConnected = connected;
    tell({ type: "connection", state: connected ? "connected" : "disconnected" });
  }

  // --- Web Notifications: the ring a host hears without the DOM events ------------------------------------

  function notificationsAllowed() {
    return typeof window.Notification === "function" && window.Notification.permission === "granted";
  }

  function askNotifications() {
    if (typeof window.Notification !== "function" || window.Notification.permission !== "default") { return; }
    try {
      window.Notification.requestPermission();
    } catch (error) {
      // An old engine's callback-only form, or no notifications at all: the phone works without them.
    }
  }

  function closeRingNotice(callid) {
    var shown = page.notification;
    if (!shown || (callid && shown.callid !== callid)) { return; }
    page.notification = null;
    try {
      shown.note.close();
    } catch (error) {
      // already gone
    }
  }

  function raiseRingNotice(callid, number, queue) {
    closeRingNotice("");
    if (!notificationsAllowed()) { return; }
    var body = number || "Unknown number";
    if (queue) { body += "\nQueue: " + queue; }
    try {
      var note = new window.Notification("Incoming call", { body: body, tag: callid, requireInteraction: true });
      note.onclick = function () { window.focus(); };
      page.notification = { callid: callid, note: note };
    } catch (error) {
      // Notifications refused by the engine: the page itself still shows the ring.
    }
  }

  // --- small helpers -------------------------------------------------------------------------------------

  function text(value) { return value === undefined || value === null ? "" : String(value); }

  function initials(name) {
    var parts = text(name).trim().split(/\s+/).filter(Boolean);
    if (!parts.length) { return "?"; }
    var first = parts[0].charAt(0);
    var last = parts.length > 1 ? parts[parts.length - 1].charAt(0) : "";
    return (first + last).toLocaleUpperCase();
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // mm:ss, or h:mm:ss from an hour on.
  function clock(seconds) {
    seconds = Math.max(0, Math.floor(Number(seconds) || 0));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return (h ? h + ":" : "") + pad(m) + ":" + pad(s);
  }

  function timeOfDay(date) {
    try {
      return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    } catch (error) {
      return "";
    }
  }

  function dispositionText(disposition, direction) {
    if (direction === "in" && disposition && disposition !== "ANSWER") { return "Missed"; }
    return DISPOSITIONS[disposition] || text(disposition) || "Ended";
  }

  // --- notices -------------------------------------------------------------------------------------------

  function showNotice(message) {
    ui.noticeText.textContent = message;
    ui.notice.hidden = false;
    window.clearTimeout(page.noticeTimer);
    page.noticeTimer = window.setTimeout(hideNotice, NOTICE_MS);
  }

  function hideNotice() {
    window.clearTimeout(page.noticeTimer);
    ui.notice.hidden = true;
    ui.noticeText.textContent = "";
  }

  // --- status pill ---------------------------------------------------------------------------------------

  function liveState() {
    return page.call && page.call.state !== "ended" ? page.call.state : "";
  }

  function updateStatus() {
    var key;
    if (!page.connected) {
      key = page.everConnected ? "disconnected" : "registering";
    } else {
      key = liveState() || "ready";
    }
    ui.status.setAttribute("data-status", key);
    ui.status.textContent = STATUS[key];
    if (STATUS[key] !== page.status) {
      page.status = STATUS[key];
      tell({ type: "status", status: page.status });
    }
  }

  // --- rendering -----------------------------------------------------------------------------------------

  function renderAgent() {
    ui.agentName.textContent = page.agent || page.email || "Agent";
    ui.agentEmail.textContent = page.email;
    ui.avatar.textContent = initials(page.agent || page.email);
  }

  function renderCall() {
    var call = page.call;
    var state = call ? call.state : "idle";
    ui.call.setAttribute("data-state", state);
    if (call) {
      ui.direction.setAttribute("data-direction", call.direction);
      ui.direction.textContent = call.direction === "in" ? "Inbound" : "Outbound";
      ui.callNumber.textContent = call.number || "Unknown number";
      ui.callNumber.title = call.number;
      ui.callState.textContent = state === "ended"
        ? "Ended · " + dispositionText(call.disposition, call.direction)
        : CALL_STATE_TEXT[state];
      ui.hold.textContent = state === "hold" ? "Resume" : "Hold";
    }
    renderTimer();
    renderButtons();
    updateStatus();
  }

  function renderTimer() {
    var call = page.call;
    if (!call || call.talkStart === null) {
      ui.timer.textContent = "00:00";
      return;
    }
    if (call.state === "ended" && typeof call.duration === "number") {
      ui.timer.textContent = clock(call.duration);  // the simulator's own figure, as the recent list shows
      return;
    }
    ui.timer.textContent = clock((Date.now() - call.talkStart) / 1000);
  }

  function renderButtons() {
    var state = liveState();
    ui.hangup.disabled = page.busy || !state;
    ui.hold.disabled = page.busy || (state !== "talking" && state !== "hold");
    ui.dial.disabled = page.busy || !page.connected || Boolean(state);
  }

  function renderRecent() {
    ui.recent.textContent = "";
    page.recent.forEach(function (item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "recent-item";
      button.title = "Put " + item.number + " in the number field";
      var icon = document.createElement("span");
      icon.className = "recent-icon";
      icon.setAttribute("data-direction", item.direction);
      icon.setAttribute("data-missed", String(item.disposition !== "ANSWER"));
      icon.textContent = item.direction === "in" ? "\u2199" : "\u2197";
      var words = document.createElement("span");
      words.className = "recent-text";
      var number = document.createElement("div");
      number.className = "recent-number";
      number.textContent = item.number || "Unknown number";
      var meta = document.createElement("div");
      meta.className = "recent-meta";
      meta.textContent = (item.direction === "in" ? "Inbound" : "Outbound") + " · "
        + dispositionText(item.disposition, item.direction) + (item.time ? " · " + item.time : "");
      words.appendChild(number);
      words.appendChild(meta);
      var duration = document.createElement("span");
      duration.className = "recent-duration";
      duration.textContent = item.disposition === "ANSWER" ? clock(item.duration) : "";
      button.appendChild(icon);
      button.appendChild(words);
      button.appendChild(duration);
      button.addEventListener("click", function () {
        ui.number.value = item.number;
        ui.number.focus();
      });
      li.appendChild(button);
      ui.recent.appendChild(li);
    });
    ui.recentEmpty.hidden = page.recent.length > 0;
  }

  // --- call events ---------------------------------------------------------------------------------------

  function remember(callid, state) {
    if (!(callid in page.seen)) {
      page.seenOrder.push(callid);
      if (page.seenOrder.length > 50) { delete page.seen[page.seenOrder.shift()]; }
    }
    page.seen[callid] = state;
  }

  // skew: seconds to add to a server time to get this browser's time.
  function applyCall(event, skew) {
    var state = STATES[text(event.state)];
    var callid = text(event.callid);
    if (!state || !callid) { return; }
    var before = page.seen[callid];
    if (before === state || before === "ended") { return; }  // repeated, or late news of a finished call
    if (state === "ringing" && before) { return; }            // late news: it is already past ringing
    remember(callid, state);
    var direction = event.direction === "in" ? "in" : "out";
    var number = text(event.number);
    if (state === "ringing" && direction === "in") {
      raiseRingNotice(callid, number, text(event.queue));
    } else {
      closeRingNotice(callid);
    }
    var message = { type: "call", callid: callid, state: state, direction: direction, number: number };
    if (state === "ended" && event.disposition) { message.disposition = text(event.disposition); }
    if (event.queue) { message.queue = text(event.queue); }
    tell(message);

    var answeredAt = typeof event.answered_at === "number" ? (event.answered_at + skew) * 1000 : null;
    if (state === "ended") {
      endCall(callid, direction, number, text(event.disposition), event, skew);
      return;
    }
    var call = page.call && page.call.callid === callid ? page.call : null;
    if (!call) {
      window.clearTimeout(page.endedTimer);
      call = { callid: callid, direction: direction, number: number, talkStart: null, disposition: "" };
      page.call = call;
    }
    call.state = state;
    call.number = number || call.number;
    if (call.talkStart === null && answeredAt !== null) { call.talkStart = answeredAt; }
    if (call.talkStart === null && state !== "ringing") { call.talkStart = Date.now(); }
    renderCall();
  }

  function endCall(callid, direction, number, disposition, event, skew) {
    var endedAt = typeof event.time === "number" ? (event.time + skew) * 1000 : Date.now();
    var duration = typeof event.duration === "number" ? event.duration : 0;
    page.recent.unshift({
      number: number,
      direction: direction,
      disposition: disposition,
      duration: duration,
      time: timeOfDay(new Date(endedAt))
    });
    page.recent.length = Math.min(page.recent.length, RECENT_LIMIT);
    renderRecent();
    if (direction === "out" && disposition && disposition !== "ANSWER" && disposition !== "CANCEL") {
      showNotice("Call to " + (number || "the number") + " failed: " + dispositionText(disposition) + ".");
    }
    var shown = page.call && page.call.callid === callid;
    if (!shown && liveState()) { return; }  // e.g. a caller who gave up while the agent was on another call
    var call = shown ? page.call : { callid: callid, direction: direction, number: number, talkStart: null };
    call.state = "ended";
    call.disposition = disposition;
    call.duration = duration;
    page.call = call;
    renderCall();
    window.clearTimeout(page.endedTimer);
    page.endedTimer = window.setTimeout(function () {
      if (page.call === call) {
        page.call = null;
        renderCall();
      }
    }, ENDED_SHOWN_MS);
  }

  function onHello(message, skew) {
    page.agent = text(message.agent) || page.agent;
    page.email = text(message.email) || page.email;
    renderAgent();
    var wasShowing = liveState() ? page.call : null;
    page.connected = true;
    page.everConnected = true;
    tellConnection(true);
    tell({ type: "ready", agent: page.agent, email: page.email });
    if (message.call) {
      applyCall(message.call, skew);
    }
    if (wasShowing && (!message.call || message.call.callid !== wasShowing.callid)) {
      // The call ended while the stream was down: close it with what the simulator last said about it.
      var last = message.last_call;
      if (last && last.callid === wasShowing.callid) {
        applyCall(last, skew);
      } else {
        applyCall({
          callid: wasShowing.callid,
          state: "ended",
          direction: wasShowing.direction,
          number: wasShowing.number
        }, skew);
      }
    }
    renderCall();
  }

  function onMessage(event) {
    var message;
    try {
      message = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    if (!message || typeof message !== "object") { return; }
    var skew = typeof message.now === "number" ? Date.now() / 1000 - message.now : 0;
    if (message.type === "hello") {
      onHello(message, skew);
    } else if (message.type === "call") {
      applyCall(message, skew);
    } else if (message.type === "session_ended") {
      requireLogin(text(message.message) || "Session expired");
    }
  }

  // --- the event stream ----------------------------------------------------------------------------------

  function connect() {
    window.clearTimeout(page.retryTimer);
    if (page.source) { page.source.close(); }
    var source = new EventSource(base + "/events?session=" + encodeURIComponent(session));
    page.source = source;
    source.onmessage = onMessage;
    source.onerror = function () {
      if (page.source !== source) { return; }
      page.connected = false;
      if (page.everConnected) { tellConnection(false); }
      renderCall();
      if (source.readyState === EventSource.CLOSED) {
        // EventSource gives up on an HTTP error (a 401 for a bad session): find out which it was.
        source.close();
        page.source = null;
        checkSession();
      }
      // Otherwise EventSource is reconnecting by itself; the pill says "Disconnected" until hello.
    };
  }

  function checkSession() {
    fetch(base + "/session?session=" + encodeURIComponent(session), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer && answer.login === false) {
          requireLogin(text(answer.message) || "Invalid session");
        } else {
          retryLater();
        }
      })
      .catch(retryLater);
  }

  function retryLater() {
    if (body.getAttribute("data-view") !== "phone") { return; }
    window.clearTimeout(page.retryTimer);
    page.retryTimer = window.setTimeout(connect, RETRY_MS);
  }

  // --- login screen --------------------------------------------------------------------------------------

  function requireLogin(reason) {
    if (page.source) {
      page.source.close();
      page.source = null;
    }
    window.clearTimeout(page.retryTimer);
    window.clearTimeout(page.endedTimer);
    page.connected = false;
    page.call = null;
    closeRingNotice("");
    ui.loginReason.textContent = LOGIN_TEXTS[reason] || reason;
    ui.loginNote.hidden = true;
    body.setAttribute("data-view", "login");
    if (!page.toldLogin) {
      page.toldLogin = true;
      tell({ type: "login_required", message: reason });
    }
  }

  ui.loginForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var password = ui.loginForm.elements.namedItem("password");
    if (password) { password.value = ""; }
    ui.loginNote.hidden = false;
  });

  // --- buttons and dial pad ------------------------------------------------------------------------------

  function api(fn, extra) {
    var url = new URL("/api/", window.location.origin);
    url.searchParams.set("function", fn);
    url.searchParams.set("session", session);
    Object.keys(extra || {}).forEach(function (key) { url.searchParams.set(key, extra[key]); });
    page.busy = true;
    renderButtons();
    return fetch(url.toString(), { cache: "no-store" })
      .then(function (response) {
        return response.json().catch(function () {
          throw new Error("The server sent an unexpected answer (HTTP " + response.status + ").");
        });
      })
      .then(function (answer) {
        if (answer && answer.login === false) {
          requireLogin(text(answer.message) || "Session expired");
          return null;
        }
        if (!answer || answer.success !== true) {
          showNotice(text(answer && answer.message) || "The request failed.");
          return null;
        }
        hideNotice();
        return answer;
      }, function (error) {
        showNotice(error && error.message && error.message.indexOf("HTTP") >= 0
          ? error.message
          : "Cannot reach the server. Check the connection and try again.");
        return null;
      })
      .then(function (answer) {
        page.busy = false;
        renderButtons();
        return answer;
      });
  }

  ui.hangup.addEventListener("click", function () { api("click2hang"); });

  ui.hold.addEventListener("click", function () {
    api(liveState() === "hold" ? "click2unhold" : "click2hold");
  });

  ui.noticeClose.addEventListener("click", hideNotice);

  ui.dialForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var number = ui.number.value.trim();
    if (!number) {
      showNotice("Enter a number to call.");
      ui.number.focus();
      return;
    }
    if (liveState()) {
      showNotice("Finish the current call first.");
      return;
    }
    if (!page.connected) {
      showNotice("The softphone is not connected yet.");
      return;
    }
    if (!page.busy) { api("click2call", { phonenumber: number }); }
  });

  ui.number.addEventListener("input", function () {
    var cleaned = ui.number.value.replace(/[^0-9+*#()\- ]/g, "");
    if (cleaned !== ui.number.value) { ui.number.value = cleaned; }
  });

  ui.keypad.addEventListener("click", function (event) {
    var key = event.target instanceof Element ? event.target.closest("button[data-key]") : null;
    if (!key) { return; }
    ui.number.value = (ui.number.value + key.getAttribute("data-key")).slice(0, 32);
  });

  ui.backspace.addEventListener("click", function () {
    ui.number.value = ui.number.value.slice(0, -1);
    ui.number.focus();
  });

  // --- start ---------------------------------------------------------------------------------------------

  window.setInterval(function () {
    if (page.call && page.call.state !== "ended") { renderTimer(); }
  }, 500);

  if (body.getAttribute("data-view") === "phone" && session) {
    askNotifications();
    renderAgent();
    renderRecent();
    renderCall();
    connect();
  } else {
    requireLogin(body.getAttribute("data-reason") || "Not signed in");
  }
})();
