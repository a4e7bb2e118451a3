/**
 * Fixed English sentences that services throw (AppError messages and field problems), in Japanese, keyed by
 * the English sentence itself (gettext's way: a throw site needs no key of its own). A sentence missing here
 * is shown in English after the error code's gist in the viewer's language (src/infra/i18n/i18n.ts).
 * When you change a sentence in a service, change its key here too; tests/unit/i18n-catalogue.test.ts
 * checks that every key below is still thrown somewhere in src.
 * Sentences with values in them take a key of ./catalogue.ts instead (AppError's and InputCheck's `i18n`).
 */
export const PHRASES_JA: Record<string, string> = {
  // Shared field problems
  'must not be empty': '空にはできません',
  'must be an http(s) URL': 'http(s) の URL にしてください',
  'must be a lowercase hex SHA-256 (64 characters 0-9a-f)': '小文字 16 進の SHA-256（0-9a-f の 64 文字）にしてください',
  'must not be in the future': '未来の日付にはできません',

  // fileComplaint
  'must be true: you declare in good faith that the complaint is accurate': 'true にしてください: 申立ての内容が正確であることを誠実に宣言するものです',
  'must not be empty: say what happened': '空にはできません: 何があったかを書いてください',
  'name at least one of your registered works': '登録済みの作品を 1 つ以上指定してください',
  'a work is listed twice': '同じ作品が 2 回指定されています',
  'give exactly one of respondentFirmId (a firm on Chōtei) and respondent (a firm that is not)':
    'respondentFirmId（Chōtei に登録済みの事業者）と respondent（未登録の事業者）のどちらか一方だけを指定してください',
  'a firm that is not on Chōtei has no registered AI systems: name it with respondent.aiSystemName':
    'Chōtei に登録していない事業者には登録済みの AI システムがありません。respondent.aiSystemName で名前を指定してください',
  'this AI system belongs to another firm than respondentFirmId': 'この AI システムは respondentFirmId とは別の事業者のものです',
  'name at least one principal, or leave principalIds out to file for yourself': '本人を 1 人以上指定するか、ご自身の申立てなら principalIds を省いてください',
  'a principal is listed twice': '同じ本人が 2 回指定されています',
  'you listed yourself, but none of the complaint\'s works is yours': 'ご自身を指定していますが、申立ての作品にあなたの作品がありません',
  'must not be empty: the firm\'s registered legal name': '空にはできません: 事業者の登記上の名称です',
  'must be an email address such as copyright@example.com (the notice is served there)':
    'copyright@example.com のようなメールアドレスにしてください（通知書はそこに送達されます）',
  'must not be empty: say what it shows': '空にはできません: 何を示すものかを書いてください',
  'this is not the claim code of a served notice: copy it exactly from the notice email': '送達された通知書の請求コードではありません。通知メールから正確にコピーしてください',

  // signUp, logIn and the account
  'sign-up is for CREATOR or AI_FIRM accounts; mediators and admins are created by an admin':
    '登録できるのは CREATOR または AI_FIRM のアカウントです。調停人と管理者は管理者が作成します',
  'a CREATOR account needs its creator profile': 'CREATOR アカウントにはクリエイターのプロフィールが必要です',
  'a CREATOR account takes no firm profile': 'CREATOR アカウントには事業者のプロフィールを付けられません',
  'an AI_FIRM account needs its firm profile': 'AI_FIRM アカウントには事業者のプロフィールが必要です',
  'an AI_FIRM account takes no creator profile': 'AI_FIRM アカウントにはクリエイターのプロフィールを付けられません',
  'cannot be used to sign up; log in if it is yours, or use another email': '登録には使えません。ご自身のものならログインするか、別のメールアドレスを使ってください',
  'must be an email address such as name@example.jp': 'name@example.jp のようなメールアドレスにしてください',
  'must be "ja" or "en"': '"ja" または "en" にしてください',
  'must be at least 10 characters': '10 文字以上にしてください',
  'is required: an ISO 3166-1 alpha-2 country code such as "JP"': '必須です: "JP" のような ISO 3166-1 alpha-2 の国コードです',
  'give email, emailGroups or both': 'email、emailGroups、またはその両方を指定してください',
  'an account with this email already exists': 'このメールアドレスのアカウントはすでにあります',
  'must be between 1 and 1000 open cases': '進行中の事件 1 件から 1000 件までにしてください',
  'use ISO 639-1 codes such as "ja" or "en"': '"ja" や "en" のような ISO 639-1 のコードを使ってください',
  'This link is not valid (any more); ask for a new one': 'このリンクは無効です（期限切れか使用済みです）。新しいリンクを依頼してください',
  'The email or the password is wrong': 'メールアドレスまたはパスワードが違います',
  // What an unverified account may not do yet (requireConfirmedEmail)
  'file a complaint': '申立て',
  'act on a case': '事件での手続',
  'Too many failed log-ins': 'ログインの失敗が多すぎます',
  'Too many failed log-ins or sign-ups from this address': 'このアドレスからのログインまたは登録の失敗が多すぎます',
  'Too many password-reset requests': 'パスワード再設定の申請が多すぎます',
  'Too many failed log-ins or password resets from this address': 'このアドレスからのログインまたはパスワード再設定の失敗が多すぎます',

  // Sessions and credentials
  'The Authorization header must be "Bearer <token or API key>"': 'Authorization ヘッダーは "Bearer <トークンまたは API キー>" の形にしてください',
  'The token is not valid (issued in the future); log in again': 'トークンが無効です（発行日時が未来です）。もう一度ログインしてください',
  'The token is too old (JWT_MAX_AGE); log in again': 'トークンの有効期間（JWT_MAX_AGE）が過ぎました。もう一度ログインしてください',
  'The session has ended (endAllSessions); log in again': 'セッションは終了しました（endAllSessions）。もう一度ログインしてください',
  'The API key is unknown or revoked': 'API キーが不明か、失効しています',
  'The account of this credential no longer exists': 'この認証情報のアカウントはもう存在しません',

  // registerWork
  'give either authors or the single-author shorthand (authorDeathYear, isCorporateWork), not both':
    'authors と単独著者の簡略指定（authorDeathYear、isCorporateWork）は、どちらか一方だけを指定してください',

  // Offers and negotiation
  'an offer here cannot be split': 'ここでの提案は分割できません',
  'an offer needs an amount, a license template or remedies': '提案には金額、ライセンスのひな形、または救済措置が必要です',
  'this principal already has a share in splits': 'この本人にはすでに splits の取り分があります',
  'splits divide amountJpy: give amountJpy too': 'splits は amountJpy を分けるものです。amountJpy も指定してください',
  'This is your own offer: the other party accepts or rejects it (make a new offer to change it)':
    'これはあなた自身の提案です。受諾や拒否は相手方が行います（変更するには新しい提案をしてください）',

  // Roles and parties
  'This AI_FIRM account has no firm profile': 'この AI_FIRM アカウントには事業者のプロフィールがありません',
  'This CREATOR account has no creator profile': 'この CREATOR アカウントにはクリエイターのプロフィールがありません',
  'Only the parties add evidence; mediators add notes': '証拠を追加できるのは当事者だけです。調停人はメモを追加します',
  'Only an account with a firm profile claims a respondent record': '相手方の記録を引き受けられるのは、事業者のプロフィールを持つアカウントだけです',
  'Your firm already holds this respondent record and its cases': 'あなたの事業者はすでにこの相手方の記録とその事件を持っています',
  'Only the principal who granted a mandate revokes it': '委任を取り消せるのは、その委任をした本人だけです',
  'Only the assigned mediator or an admin decides a review': '審査を決定できるのは、選任された調停人か管理者だけです',
  'Only the respondent firm answers its notice': '通知書に回答できるのは相手方の事業者だけです',
  'A referral summary exists once the case is closed as REFERRED': '付託の要約は、事件が REFERRED として終了してから作られます',

  // Concurrency and infrastructure
  'Someone else changed this at the same moment; retry': '同時に他の人がこれを変更しました。再度お試しください',
  'Live case events are not available in this process': 'このプロセスでは事件のライブイベントを利用できません',
  'Internal server error': 'サーバー内部でエラーが発生しました',
  'The query ran out of time': 'クエリが制限時間内に終わりませんでした',

  // The HTTP layer's own answers (src/http/errors.ts)
  'The request body is not valid JSON': 'リクエストの本文が正しい JSON ではありません',
  'Send the request body as UTF-8 JSON (Content-Type: application/json), uncompressed or gzip':
    'リクエストの本文は UTF-8 の JSON（Content-Type: application/json）で、無圧縮または gzip で送ってください',
  'The request could not be read': 'リクエストを読み取れませんでした',
  'Send the GraphQL request as JSON: Content-Type: application/json': 'GraphQL のリクエストは JSON（Content-Type: application/json）で送ってください',
  'Log in first: send Authorization: Bearer <token or API key>': 'ログインしてください（Authorization: Bearer <トークンまたは API キー> を送ってください）',
  'Nothing here: the API is POST /graphql (and GET /healthz, /readyz, /opt-outs.jsonl)':
    'ここには何もありません。API は POST /graphql です（ほかに GET /healthz、/readyz、/opt-outs.jsonl）',

  // Remedies, mediation, notices, negotiation
  'certify at least one action': '少なくとも 1 つの措置を証明してください',
  'must not be empty: say what was done': '空にはできません: 何を行ったかを書いてください',
  'name the datasets the work was removed from (required for DATASET_REMOVAL)': '作品を削除したデータセットを指定してください（DATASET_REMOVAL では必須です）',
  'say when the removal was completed (required for DATASET_REMOVAL)': '削除が完了した日時を指定してください（DATASET_REMOVAL では必須です）',
  'must not be empty: say what is missing': '空にはできません: 何が足りないかを書いてください',
  'must be in the future': '未来の日時にしてください',
  'must not be empty: explain the recommendation': '空にはできません: 勧告の理由を説明してください',
  'no amount goes with NO_INFRINGEMENT': 'NO_INFRINGEMENT には金額を付けられません',
  'must not be empty: say why': '空にはできません: 理由を書いてください',
  'must not be empty: explain the response': '空にはできません: 回答の内容を説明してください',
  'must be a positive whole number of yen': '1 円以上の整数（円）にしてください',

  // Notifications, mandates, opt-outs, reference data, transparency, lists
  'name the notifications to mark read, or pass all: true': '既読にするお知らせを指定するか、all: true を渡してください',
  'pass either ids or all: true, not both': 'ids と all: true は、どちらか一方だけを渡してください',
  'give exactly one of workIds (the works it covers) and allWorks: true (every work of yours)':
    'workIds（対象の作品）と allWorks: true（あなたのすべての作品）のどちらか一方だけを指定してください',
  'you cannot grant a mandate to yourself: you file for yourself without one': '自分自身に委任することはできません。ご自身の申立てには委任は要りません',
  'give either workId or allWorks: true, not both': 'workId と allWorks: true は、どちらか一方だけを指定してください',
  'name one of your works, or set allWorks: true for all of them': 'あなたの作品を 1 つ指定するか、すべての作品なら allWorks: true にしてください',
  'must be a 64-bit image perceptual hash: 16 lowercase hex characters (0-9a-f)': '64 ビットの画像知覚ハッシュ（0-9a-f の小文字 16 進 16 文字）にしてください',
  'must be a 64-bit image perceptual hash: 16 lowercase hex characters (0-9a-f), computed as src/infra/similarity/README.md says':
    '64 ビットの画像知覚ハッシュ（0-9a-f の小文字 16 進 16 文字）にしてください。計算方法は src/infra/similarity/README.md のとおりです',
  'list at least one signal, or leave it out for [REGISTRY]': 'シグナルを 1 つ以上挙げるか、[REGISTRY] にするなら省いてください',
  'is not a valid date-time': '正しい日時ではありません',
  'is not a cursor this list gave out': 'この一覧が返したカーソルではありません',
  'is not a cursor this list gave out; start again without after': 'この一覧が返したカーソルではありません。after を付けずに最初から読み直してください',
  'is required: an ISO 3166-1 alpha-2 country code': '必須です: ISO 3166-1 alpha-2 の国コードです',
  'a treaty is listed twice': '同じ条約が 2 回指定されています',
  'an agreement is between Japan and another country': '取り決めは日本と他の国との間のものです',
  'must not be before inForceFrom': 'inForceFrom より前にはできません',
  'list at least one protection the agreement extends': '取り決めが及ぼす保護を 1 つ以上挙げてください',
  'COPYRIGHT comes from the treaties, not from an agreement': 'COPYRIGHT は取り決めではなく条約によるものです',
  'list at least one category (OTHER when none fits)': 'カテゴリーを 1 つ以上挙げてください（当てはまるものがなければ OTHER）',
  'must be after from': 'from より後にしてください',
  'your firm has no webhook URL: set one with updateWebhookUrl first': '貴社には Webhook の URL がありません。先に updateWebhookUrl で設定してください',
};
