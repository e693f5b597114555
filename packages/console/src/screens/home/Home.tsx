import { Navigate } from 'react-router-dom';
import { useSession } from '../../auth/session';

/** Work lists are the home page: each user lands on their own (the window's, the inbox, the search). */
export default function Home() {
  const { can } = useSession();
  if (can('clerk')) return <Navigate to="/window" replace />;
  if (can('officer', 'reviewer', 'head')) return <Navigate to="/inbox" replace />;
  if (can('monitor')) return <Navigate to="/wall" replace />;
  if (can('supervisor')) return <Navigate to="/supervision" replace />;
  if (can('auditor')) return <Navigate to="/audit" replace />;
  if (can('admin')) return <Navigate to="/admin" replace />;
  return <Navigate to="/cases" replace />;
}
