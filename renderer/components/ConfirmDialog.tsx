import { useRef, useState, type ReactNode } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';

// The app asks its own questions. A browser confirm() box is titled with the page's address
// ("127.0.0.1 显示" in browser mode), cannot be translated or styled, and freezes the page; the
// lint rule in eslint.config.js keeps confirm, alert and prompt out of renderer/.

export interface ConfirmOptions {
  /** the question: 停用会员 张三？ */
  title: string;
  /** what follows from it, when the title alone does not say */
  message?: ReactNode;
  /** what the button does, in the store's words (停用会员, 取消任务), never a bare 确定 */
  confirmLabel: string;
  /** the way out; 返回 unless given */
  cancelLabel?: string;
  /** a move that is hard to undo shows in the warning colour */
  tone?: 'primary' | 'warning' | 'error';
}

interface Props extends ConfirmOptions {
  open: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

/** A yes/no question in a dialog. The way out has the focus, so a stray Enter changes nothing. */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  cancelLabel,
  tone = 'primary',
  onConfirm,
  onCancel,
  testId = 'confirm-dialog',
}: Props) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      maxWidth="xs"
      fullWidth
      data-testid={testId}
      aria-describedby={message ? `${testId}-message` : undefined}
    >
      <DialogTitle>{title}</DialogTitle>
      {message && (
        <DialogContent>
          <DialogContentText id={`${testId}-message`}>{message}</DialogContentText>
        </DialogContent>
      )}
      <DialogActions>
        <Button autoFocus onClick={onCancel} data-testid="confirm-cancel">
          {cancelLabel ?? t('common.back')}
        </Button>
        <Button variant="contained" color={tone} onClick={onConfirm} data-testid="confirm-ok">
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * `if (await confirm({...}))` where window.confirm was: render `dialog` once in the component.
 * The answer is true only for the confirm button; Esc, a click outside and the way out are false.
 */
export function useConfirm(): { confirm: (options: ConfirmOptions) => Promise<boolean>; dialog: ReactNode } {
  const [asked, setAsked] = useState<ConfirmOptions | null>(null);
  const answer = useRef<((yes: boolean) => void) | null>(null);
  const settle = (yes: boolean) => {
    answer.current?.(yes);
    answer.current = null;
    setAsked(null);
  };
  const confirm = (options: ConfirmOptions) =>
    new Promise<boolean>((resolve) => {
      answer.current?.(false);
      answer.current = resolve;
      setAsked(options);
    });
  const dialog = asked ? <ConfirmDialog open {...asked} onConfirm={() => settle(true)} onCancel={() => settle(false)} /> : null;
  return { confirm, dialog };
}
