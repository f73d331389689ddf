/**
 * Every route of the local gateway (server.ts, upload.ts): what it takes and what it answers, rendered into
 * docs/api.md. A unit test reads the gateway's sources and fails when a `/local/...` route or an HTTP status they
 * answer is missing here, so a new route (a clock, a timer trigger) is documented when it is added.
 */
export interface EndpointDoc {
  method: string
  path: string
  summary: string
  /** Headers and body the route reads. */
  request: string
  /** `status: 'code'`: the HTTP status of the answer's error code (docs/api.md, HTTP statuses). */
  answers: { status: number | 'code'; body: string; when: string }[]
}

export const GATEWAY_ENDPOINTS: EndpointDoc[] = [
  {
    method: 'POST',
    path: '/fn/<function>',
    summary: 'Calls a cloud function as WeChat would (`deals`, `shops`, `orders`, `payments`, `redemption`, `promoters`; the platform-only `timers` is not reachable).',
    request: 'Header `x-tuanka-openid` (optional, `[A-Za-z0-9_-]{1,64}`: the caller, put into the platform context; absent = anonymous). Body: the event `{ "action": "...", "input": {...} }` as JSON, at most 100 KB (empty = `{}`).',
    answers: [
      { status: 200, body: '`{ ok: true, data }`', when: 'the action succeeded' },
      { status: 'code', body: '`{ ok: false, code, message }`', when: "the action refused: the status is the code's (see HTTP statuses)" },
      { status: 400, body: '`BAD_JSON`', when: 'the body is not JSON' },
      { status: 400, body: '`INVALID_INPUT` 身份标识不正确', when: 'a malformed `x-tuanka-openid`' },
      { status: 404, body: '`UNKNOWN_FUNCTION`', when: 'no such function' },
      { status: 405, body: '`METHOD_NOT_ALLOWED` 请求方式不正确', when: 'any method but POST' },
      { status: 413, body: '`PAYLOAD_TOO_LARGE`', when: 'the body is over 100 KB' },
    ],
  },
  {
    method: 'GET',
    path: '/local/pay',
    summary:
      "What the local 微信支付 sheet shows before the buyer pays (local mode only): the WeChat Pay emulator's prepay, found by the `package` that payments.prepay answered.",
    request: 'Query `package=prepay_id=<id>` (URL-encoded).',
    answers: [
      { status: 200, body: '`{ ok: true, data: { orderId: string, amountFen: number, description: string } }`', when: 'the prepay can be paid' },
      { status: 400, body: '`INVALID_INPUT`', when: 'no `prepay_id=` package' },
      { status: 400, body: '`PAYMENT_INVALID`', when: 'a prepay the emulator never issued' },
      { status: 409, body: '`ORDER_NOT_PAYABLE`', when: 'paid, closed or expired (2 hours)' },
    ],
  },
  {
    method: 'POST',
    path: '/local/pay',
    summary:
      "The local 微信支付 sheet's 确认支付 (local mode only): tells the WeChat Pay emulator the buyer paid the prepay; the emulator delivers WeChat's payment-result callback to the function unifiedOrder named (`payments`), which confirms it with queryOrder, and retries on WeChat's schedule until it answers errcode 0. Paying the same prepay again re-delivers the same payment (same transactionId), which changes nothing. A payment for an order that closed meanwhile is refunded in full, as production does.",
    request: 'Body `{ "package": "prepay_id=<id>" }` (the `package` of payments.prepay).',
    answers: [
      { status: 200, body: '`{ ok: true, data: { paid: true, orderId: string, amountFen: number, transactionId: string } }`', when: 'the callback was accepted (errcode 0)' },
      { status: 400, body: '`BAD_JSON` / `INVALID_INPUT`', when: 'not JSON / no `prepay_id=` package' },
      { status: 400, body: '`PAYMENT_INVALID`', when: 'a prepay the emulator never issued' },
      { status: 'code', body: '`{ ok: false, code, message }`', when: "the payments function refused the callback (e.g. 409 `ORDER_NOT_PAYABLE`: closed or expired prepay; 409 `REFUND_FAILED`: a late payment whose refund is not confirmed yet; 500 `INTERNAL`): the code's status; the emulator retries it" },
      { status: 413, body: '`PAYLOAD_TOO_LARGE`', when: 'the body is over 100 KB' },
    ],
  },
  {
    method: 'POST',
    path: '/local/transfer',
    summary:
      "The 确认收款 page of the WeChat Pay merchant-transfer emulator (local/platform/transfer; what wx.requestMerchantTransfer shows; local only): `confirm` receives the money — the bill ends SUCCESS and WeChat Pay's v3 callback (signed headers, AES-256-GCM resource) goes to the `promoters` function, retried until it answers 200; confirming a paid bill again sends the callback again (harmless). `cancel` closes the page and, as in WeChat, leaves the bill waiting (it is cancelled 24 h after creation if nobody confirms).",
    request: 'Body `{ "package": "<transfer.package of a WithdrawalView>", "action": "confirm" | "cancel" }`.',
    answers: [
      { status: 200, body: '`{ ok: true, data: { state: "SUCCESS" | "WAIT_USER_CONFIRM", delivered: boolean } }`', when: 'confirmed (SUCCESS), or closed (WAIT_USER_CONFIRM); `delivered`: the function acknowledged the callback' },
      { status: 400, body: '`BAD_JSON` / `INVALID_INPUT`', when: 'not JSON / no string package or an action other than confirm and cancel' },
      { status: 400, body: '`PAYMENT_INVALID`', when: 'a package the emulator never issued' },
      { status: 409, body: '`PAYMENT_INVALID` 这笔转账已结束', when: 'the bill already ended (cancelled, failed; or paid, for cancel)' },
      { status: 413, body: '`PAYLOAD_TOO_LARGE`', when: 'the body is over 100 KB' },
    ],
  },
  {
    method: 'POST',
    path: '/local/group-enter',
    summary:
      "The stand-in for wx.getGroupEnterInfo (local only, loopback callers only; local/gateway/platform-sheets.ts): the page was opened from WeChat group `g`, and the platform emulator issues a cloudID for it, answered by cloud.getOpenData for five minutes as WeChat's are. The functions never see `g`, only the cloudID.",
    request: 'Body `{ "g": "<group, [A-Za-z0-9_-]{1,64}>" }`; header `x-tuanka-openid` optional.',
    answers: [
      { status: 200, body: '`{ ok: true, data: { cloudID: string } }`', when: 'issued' },
      { status: 400, body: '`INVALID_INPUT`', when: 'no or a malformed `g`, not JSON, or a malformed `x-tuanka-openid`' },
      { status: 403, body: '`FORBIDDEN`', when: 'not a loopback caller' },
      { status: 405, body: '`METHOD_NOT_ALLOWED`', when: 'any method but POST' },
      { status: 413, body: '`PAYLOAD_TOO_LARGE`', when: 'the body is over 16 KB' },
    ],
  },
  {
    method: 'GET',
    path: '/local/updatable-message',
    summary:
      "What the emulated WeChat shows under a shared card (动态消息; local only, loopback callers only; local/gateway/updatable-card.ts): the line of its last accepted setUpdatableMsg, 成员正在加入，当前 x/y 人 or 已开始. The h5 app's shared-card preview reads it; production has no such thing (WeChat draws the card).",
    request: 'Query `activityId=<id of orders.groupCard>` (URL-encoded).',
    answers: [
      { status: 200, body: '`{ ok: true, data: { activityId, text, targetState, memberCount, roomLimit, path, expiresAt, updates } | null }`', when: 'the card (null: an id the platform never issued)' },
      { status: 400, body: '`INVALID_INPUT`', when: 'no or a malformed `activityId`' },
      { status: 403, body: '`FORBIDDEN`', when: 'not a loopback caller' },
      { status: 405, body: '`METHOD_NOT_ALLOWED`', when: 'any method but GET' },
    ],
  },
  {
    method: 'POST',
    path: '/local/subscribe',
    summary:
      "The stand-in for wx.requestSubscribeMessage's 允许 (local only, loopback callers only; local/gateway/platform-sheets.ts): the platform emulator records one message of each accepted template for the caller, as WeChat does; subscribeMessage.send without it is refused with 43101. The app then reports the kinds with orders.subscribe, as on WeChat.",
    request: 'Header `x-tuanka-openid` (required). Body `{ "tmplIds": ["<template id>", ...] }` (1 to 3 ids, as WeChat asks at most 3).',
    answers: [
      { status: 200, body: '`{ ok: true, data: { accepted: string[] } }`', when: 'recorded (ids that are not one of the emulator\'s templates are left out)' },
      { status: 400, body: '`INVALID_INPUT`', when: 'no ids, more than 3, not strings, not JSON, or a malformed `x-tuanka-openid`' },
      { status: 401, body: '`UNAUTHENTICATED`', when: 'no `x-tuanka-openid`' },
      { status: 403, body: '`FORBIDDEN`', when: 'not a loopback caller' },
      { status: 405, body: '`METHOD_NOT_ALLOWED`', when: 'any method but POST' },
      { status: 413, body: '`PAYLOAD_TOO_LARGE`', when: 'the body is over 16 KB' },
    ],
  },
  {
    method: 'POST',
    path: '/local/upload',
    summary:
      'The local stand-in for cloud storage (`wx.cloud.uploadFile`): stores an image, content-addressed (the same bytes give the same URL), served at `/files/uploads/`. The type is read from the bytes, never from a name or header.',
    request: 'Header `x-tuanka-openid` (required). Body: the image bytes, JPEG, PNG or WebP, at most 2 MB (any content-type). Loopback callers only.',
    answers: [
      { status: 200, body: '`{ ok: true, data: { url: "/files/uploads/<sha256 prefix>.<jpg|png|webp>" } }`', when: 'stored' },
      { status: 401, body: '`UNAUTHENTICATED` 请先登录', when: 'no or a malformed `x-tuanka-openid`' },
      { status: 403, body: '`FORBIDDEN` 仅限本机访问', when: 'the caller is not on this machine' },
      { status: 413, body: '`IMAGE_TOO_LARGE` 图片不能超过 2 MB', when: 'over 2 MB (declared or read); nothing is written' },
      { status: 415, body: '`IMAGE_TYPE_UNSUPPORTED` 只支持 JPG、PNG、WebP 格式的图片', when: 'the bytes are not JPEG, PNG or WebP (SVG, HTML, GIF...)' },
    ],
  },
  {
    method: 'GET, POST',
    path: '/local/clock',
    summary:
      'The local clock (local/clock.ts): "now" for the functions, the timers and the h5 app together, as the machine\'s time plus an offset that keeps flowing. Local only (gateways started with the timers function), loopback callers only; production has no such thing.',
    request: 'GET: none. POST: exactly one of `{ "now": "<ISO 8601 with offset>" }`, `{ "advanceMs": <integer> }`, `{ "offsetMs": <integer> }`, `{ "reset": true }`.',
    answers: [
      { status: 200, body: '`{ ok: true, data: { now: string (ISO 8601), nowMs: number, offsetMs: number } }`', when: 'read, or moved' },
      { status: 400, body: '`INVALID_INPUT`', when: 'not exactly one of the four fields, or a value of the wrong kind (the message says which)' },
      { status: 400, body: '`CLOCK_OUT_OF_RANGE` 本地时钟最多与本机时间相差十年', when: 'the offset would pass ten years either way' },
      { status: 400, body: '`BAD_JSON`', when: 'the body is not JSON' },
      { status: 403, body: '`FORBIDDEN`', when: 'the caller is not on this machine' },
      { status: 405, body: '`METHOD_NOT_ALLOWED`', when: 'neither GET nor POST' },
      { status: 413, body: '`PAYLOAD_TOO_LARGE`', when: 'the body is over 100 KB' },
    ],
  },
  {
    method: 'GET',
    path: '/local/timers',
    summary: 'The timer triggers `POST /local/timers/<name>` can fire (the ones TCB fires on a schedule in production, cloudfunctions/manifest.ts). Local only, loopback callers only.',
    request: 'None.',
    answers: [
      { status: 200, body: '`{ ok: true, data: { timers: string[] } }`', when: 'always' },
      { status: 403, body: '`FORBIDDEN`', when: 'the caller is not on this machine' },
      { status: 405, body: '`METHOD_NOT_ALLOWED`', when: 'not GET' },
    ],
  },
  {
    method: 'POST',
    path: '/local/timers/<name>',
    summary: 'Fires one timer trigger now, as TCB does (the `timers` function, at the local clock\'s now), and answers what it did. Local only, loopback callers only.',
    request: 'None (the name is in the path).',
    answers: [
      { status: 200, body: '`{ ok: true, data: { timer: string, firedAt: string (ISO 8601), result: <the timer\'s own counts> } }`', when: 'the timer ran' },
      { status: 403, body: '`FORBIDDEN`', when: 'the caller is not on this machine' },
      { status: 404, body: '`UNKNOWN_TIMER` 没有名为 … 的定时任务', when: 'no timer of that name (the message lists them)' },
      { status: 404, body: '`NOT_FOUND` 页面不存在', when: 'a deeper path' },
      { status: 405, body: '`METHOD_NOT_ALLOWED`', when: 'not POST' },
      { status: 500, body: "the timers function's `{ ok: false, code, message }`", when: 'the timer failed' },
    ],
  },
  {
    method: 'GET',
    path: '/local/personas',
    summary: 'The demo personas the h5 app offers under 我的 → 切换身份 (see Local personas).',
    request: 'None.',
    answers: [{ status: 200, body: '`{ personas: { key: string, label: string, openid: string }[] }` (not an envelope)', when: 'always' }],
  },
  {
    method: 'GET',
    path: '/healthz',
    summary: 'Liveness.',
    request: 'None.',
    answers: [{ status: 200, body: '`{ ok: true }`', when: 'always' }],
  },
  {
    method: 'GET',
    path: '/files/demo/<path>, /files/uploads/<name>, /files/cloud/<cloudPath>',
    summary: 'Demo images (local/seed/images), uploaded images (the data directory) and files in the emulated cloud storage (cloud.uploadFile, e.g. poster codes `wxacode/<share>.png`; a `cloud://<bucket>/<cloudPath>` id is shown from here on the local gateway). Paths that leave the folder are refused.',
    request: '`Accept-Encoding: gzip` is honoured for text files over 1 KB.',
    answers: [
      { status: 200, body: 'the file, `content-type` by extension, `cache-control: public, max-age=31536000, immutable`', when: 'found' },
      { status: 404, body: '`{ ok: false, code: "NOT_FOUND", message: "文件不存在" }`', when: 'no such file, or outside the folder' },
    ],
  },
  {
    method: 'GET',
    path: '/ (and any other path)',
    summary: "The h5 app (dist/h5): a file when one matches, else index.html for the app's own routes. Hashed assets are cached for good, the rest revalidated.",
    request: '`Accept-Encoding: gzip` is honoured.',
    answers: [
      { status: 200, body: 'the file, or index.html', when: 'the h5 app is built' },
      { status: 503, body: 'text: h5 应用尚未构建：运行 npm run build:h5', when: 'dist/h5 has no build yet' },
      { status: 404, body: '`{ ok: false, code: "NOT_FOUND", message: "页面不存在" }`', when: 'the gateway serves no h5 app (tests)' },
      { status: 404, body: '`UNKNOWN_FUNCTION`', when: 'a method other than GET/HEAD on a path no route takes' },
    ],
  },
]

/** Any route: the gateway itself failed (logged; nothing about it is answered). */
export const GATEWAY_FAILURE = { status: 500, body: '`{ ok: false, code: "INTERNAL", message }`' }
