import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button, Form } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blankItem, type ItemFormValues, toDefinition } from './item-values';
import { RetentionFields } from './RetentionFields';

function Harness({ initial, onSave }: { initial: ItemFormValues; onSave: (values: ItemFormValues) => void }) {
  const [form] = Form.useForm<ItemFormValues>();
  return (
    <Form<ItemFormValues> form={form} layout="vertical" initialValues={initial}>
      <RetentionFields form={form} />
      <Button
        onClick={() =>
          void form.validateFields().then(
            () => onSave(form.getFieldsValue(true) as ItemFormValues),
            () => undefined,
          )
        }
      >
        保存事项
      </Button>
    </Form>
  );
}

const described = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('the retention period of an item', () => {
  afterEach(cleanup);

  it('offers the default, named by its period and described with its basis, and asks nothing more', () => {
    render(<Harness initial={blankItem('huangpu-market')} onSave={() => undefined} />);
    const group = screen.getByRole('radiogroup', { name: '保管期限' });
    expect(screen.getByRole('radio', { name: '默认（定期30年）' })).toHaveProperty('checked', true);
    expect(described(group)).toContain('默认期限的依据：国家档案局令第8号');
    expect(described(group)).toContain('自办结次年 1 月 1 日起算');
    expect(screen.queryByLabelText('保管年限（年）')).toBeNull();
    expect(screen.queryByLabelText('保管期限依据')).toBeNull();
  });

  it('asks the years and the basis of a fixed term, and refuses it without a basis', async () => {
    const onSave = vi.fn();
    render(<Harness initial={blankItem('huangpu-market')} onSave={onSave} />);
    fireEvent.click(screen.getByRole('radio', { name: '定期' }));
    const years = await screen.findByLabelText('保管年限（年）');
    expect((years as HTMLInputElement).value).toBe('30');
    const basis = screen.getByLabelText('保管期限依据');
    expect(basis.getAttribute('aria-required')).toBe('true');
    expect(described(basis)).toContain('保管期限表');
    fireEvent.click(screen.getByRole('button', { name: '保存事项' }));
    await screen.findByText('请填写保管期限依据');
    expect(onSave).not.toHaveBeenCalled();

    fireEvent.change(years, { target: { value: '10' } });
    fireEvent.change(basis, { target: { value: '本中心保管期限表第 12 条' } });
    fireEvent.click(screen.getByRole('button', { name: '保存事项' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    const values = onSave.mock.calls[0]![0] as ItemFormValues;
    expect(toDefinition(values).retention).toEqual({
      kind: 'years',
      years: 10,
      basis: '本中心保管期限表第 12 条',
    });
  });

  it('asks no years of a permanent period, only its basis', async () => {
    render(<Harness initial={blankItem('huangpu-market')} onSave={() => undefined} />);
    fireEvent.click(screen.getByRole('radio', { name: '永久' }));
    await screen.findByLabelText('保管期限依据');
    expect(screen.queryByLabelText('保管年限（年）')).toBeNull();
  });
});
