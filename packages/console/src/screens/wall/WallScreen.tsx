import { Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useDepartmentName } from '../../api/departments';
import { WallBoard } from './WallBoard';

/** 电子监察大屏: the wall's full-screen mode for a 1920×1080 display, without the shell. */
export default function WallScreen() {
  const { t } = useTranslation('wall');
  const [search] = useSearchParams();
  const root = search.get('root') ?? undefined;
  const departmentName = useDepartmentName();
  const back = root === undefined ? '/wall' : `/wall?root=${encodeURIComponent(root)}`;
  // The page's own background is the wall's (no white edge around it on a display).
  useEffect(() => {
    const previous = document.body.style.background;
    document.body.style.background = '#141414';
    return () => {
      document.body.style.background = previous;
    };
  }, []);
  return (
    <main>
      <WallBoard
        root={root}
        mode="screen"
        title={
          <Typography.Title
            level={1}
            style={{ margin: 0, fontSize: 36, color: '#fff', whiteSpace: 'nowrap' }}
          >
            {t('screenTitle')}
            {root !== undefined && ` · ${departmentName(root)}`}
          </Typography.Title>
        }
        actions={
          <Link to={back} style={{ color: '#69b1ff', fontSize: 18, whiteSpace: 'nowrap' }}>
            {t('backToDesk')}
          </Link>
        }
      />
    </main>
  );
}
