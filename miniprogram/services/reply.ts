/** What every cloud function returns (shared/errors.ts `Reply`), plus the client's own transport codes. */
export type Reply<T> = { code: 0; data: T } | { code: string; message: string; details?: Record<string, unknown> };

/** Codes the client itself produces when the call never reached a function or its reply was malformed. */
export const CLIENT_ERRORS = {
  NETWORK: 'CLIENT.NETWORK',
  BAD_REPLY: 'CLIENT.BAD_REPLY',
  UPLOAD: 'CLIENT.UPLOAD',
  NO_IDENTITY: 'CLIENT.NO_IDENTITY',
} as const;

export const isOk = <T>(r: Reply<T>): r is { code: 0; data: T } => r.code === 0;

/** A zh-CN message for a failed reply: known codes get a friendly sentence, others the server's message. */
export function messageOf(r: { code: string | 0; message?: string }): string {
  const known: Record<string, string> = {
    [CLIENT_ERRORS.NETWORK]: '网络不太好，请稍后重试',
    [CLIENT_ERRORS.BAD_REPLY]: '服务返回异常，请稍后重试',
    [CLIENT_ERRORS.UPLOAD]: '照片上传失败，请重试',
    [CLIENT_ERRORS.NO_IDENTITY]: '请先在“我的”页选择演示身份',
    'TICKET.RATE_LIMITED': '提交太频繁了，请稍后再试',
    'TICKET.FOREIGN_FILE': '照片无效，请重新拍摄或选择照片后再提交',
    'TICKET.OWN_UNIT_RATING': '本单位人员不能为本单位的服务评分，请去掉评分后再提交',
    'TICKET.BUSY': '提交的人太多了，请稍后重试',
    'TICKET.CONTENT_RISKY': '内容未通过安全检查，请修改后再提交',
    'TICKET.INVALID_TRANSITION': '当前状态不能进行此操作，请刷新',
    'TICKET.NOT_FOUND': '工单不存在或无权查看',
    'TICKET.FORBIDDEN': '没有权限进行此操作',
    'TICKET.STALE': '工单刚被他人更新，请刷新后重试',
    'ESCALATION.PAUSE_LIMIT': '该问题的暂停时长已用完，不能再暂停，请尽快整改或联系单位负责人',
    'TICKET.ZONE_NOT_FOUND': '二维码已失效，请联系管理员',
    'AUTH.FORBIDDEN': '没有权限进行此操作',
    'REQUEST.INVALID': '填写的内容不符合要求',
    'SYSTEM.INTERNAL': '服务开小差了，请稍后重试',
    FUNCTIONS_FUNCTION_NOT_FOUND: '该功能的云函数尚未部署',
  };
  return (typeof r.code === 'string' && known[r.code]) || r.message || '操作失败，请重试';
}
