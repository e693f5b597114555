import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Form } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requiredRule } from '../../forms/rules';
import { ApplicantFormCard, CaseNoField } from './ApplicantForm';
import { Choices } from './Choices';

interface Values {
  caseNo: string;
  level?: number;
}

function Harness({ onSubmit, failure }: { onSubmit: (values: Values) => void; failure?: string | false }) {
  const [form] = Form.useForm<Values>();
  return (
    <ApplicantFormCard<Values>
      form={form}
      initialValues={{ caseNo: '' }}
      onSubmit={onSubmit}
      onEdit={() => undefined}
      failure={failure}
      busy={false}
      submitLabel="提交评价"
    >
      <CaseNoField label="办件编号" requiredMessage="请输入办件编号" />
      <Form.Item
        name="level"
        label={<span id="level-label">评价</span>}
        rules={[requiredRule('请选择评价等级')]}
      >
        <Choices
          labelId="level-label"
          options={[
            { value: 1, label: '非常满意' },
            { value: 2, label: '满意' },
          ]}
        />
      </Form.Item>
    </ApplicantFormCard>
  );
}

describe('an applicant form', () => {
  afterEach(cleanup);

  it('refuses a blank or whitespace-only case number and an unchosen level, with their messages', async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('办件编号'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await screen.findByText('请输入办件编号');
    await screen.findByText('请选择评价等级');
    expect(screen.getByLabelText('办件编号').getAttribute('aria-required')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends a case number and a chosen level (a number)', async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('办件编号'), { target: { value: '20261201-7K3QXM' } });
    fireEvent.click(screen.getByRole('radio', { name: '满意' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ caseNo: '20261201-7K3QXM', level: 2 }));
  });

  it('shows the failure above the button, in a live region, unless the page shows it elsewhere', () => {
    const { container, rerender } = render(<Harness onSubmit={() => undefined} failure="未找到该办件" />);
    expect(screen.getByRole('alert').textContent).toContain('未找到该办件');
    expect(container.querySelector('[aria-live="polite"]')).not.toBeNull();
    rerender(<Harness onSubmit={() => undefined} failure={false} />);
    expect(container.querySelector('[aria-live="polite"]')).toBeNull();
  });
});
