import { ElMessage, ElMessageBox } from 'element-plus';
import { reactive, ref } from 'vue';
import { ApiError, isConflict } from './api';

/**
 * A form's submission: while it runs the button waits; a refusal naming fields puts each message
 * at its field (`errors[field]`, for el-form-item's `error`), any other as a message.
 */
export function useSubmit(onConflict?: () => unknown) {
  const errors = reactive<Record<string, string>>({});
  const busy = ref(false);

  async function submit<T>(action: () => Promise<T>, done?: string): Promise<T | undefined> {
    for (const key of Object.keys(errors)) delete errors[key];
    busy.value = true;
    try {
      const result = await action();
      if (done) ElMessage.success(done);
      return result;
    } catch (error) {
      if (isConflict(error) && onConflict) await conflictDialog(onConflict);
      else showError(error, errors);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { errors, busy, submit };
}

/** A refusal shown where it belongs: at its fields when the form has them, else as a message. */
export function showError(error: unknown, errors?: Record<string, string>): void {
  if (error instanceof ApiError && errors && Object.keys(error.fieldErrors).length > 0) {
    Object.assign(errors, error.fieldErrors);
    return;
  }
  ElMessage.error(error instanceof Error ? error.message : String(error));
}

/**
 * An edit made on a stale version (409 version_conflict): someone else changed the record since
 * it was read. Nothing was overwritten; the officer reloads and sees the other change first.
 */
export async function conflictDialog(reload: () => unknown): Promise<void> {
  await ElMessageBox.alert('这条记录在您打开之后已被其他人修改，您的修改没有保存。请重新载入，查看最新内容后再修改。', '内容已被他人修改', {
    confirmButtonText: '重新载入',
    type: 'warning',
    customClass: 'conflict-dialog',
  }).catch(() => undefined);
  await reload();
}

/** The first message among a nested field's (`hours.weekly.0.open` under `hours`). */
export function fieldError(errors: Record<string, string>, prefix: string): string | undefined {
  const key = Object.keys(errors).find((name) => name === prefix || name.startsWith(`${prefix}.`) || name.startsWith(`${prefix}[`));
  return key ? errors[key] : undefined;
}
