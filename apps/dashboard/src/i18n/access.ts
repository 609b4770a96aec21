// Messages of access control (issue 17): the token prompt and the role shown in the header.
// Spread into ja.ts and en.ts (same keys, checked by the type).

export const jaAccess = {
  'access.prompt.title': 'アクセストークン',
  'access.prompt.required':
    'この CareTwin はトークンで保護されています。管理者から受け取ったトークンを入力してください。',
  'access.prompt.rejected':
    'トークンが受け付けられませんでした(無効・期限切れ・失効)。新しいトークンを入力してください。',
  'access.prompt.label': 'トークン',
  'access.prompt.submit': '使用する',
  'access.prompt.note': 'トークンはこのタブを閉じるまでだけ保持されます。',
  'access.role': '権限: {role}',
  'access.role.viewer': '閲覧',
  'access.role.planner': '計画',
  'access.role.admin': '管理',
  'access.role.reporter': '報告',
  'access.signOut': 'トークンを外す',
};

export const enAccess: Record<keyof typeof jaAccess, string> = {
  'access.prompt.title': 'Access token',
  'access.prompt.required':
    'This CareTwin is protected by tokens. Enter the token an administrator gave you.',
  'access.prompt.rejected': 'The token was not accepted (unknown, expired or revoked). Enter a new token.',
  'access.prompt.label': 'Token',
  'access.prompt.submit': 'Use token',
  'access.prompt.note': 'The token is kept only until this tab is closed.',
  'access.role': 'Role: {role}',
  'access.role.viewer': 'viewer',
  'access.role.planner': 'planner',
  'access.role.admin': 'admin',
  'access.role.reporter': 'reporter',
  'access.signOut': 'Forget token',
};
