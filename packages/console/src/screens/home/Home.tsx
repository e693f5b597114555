import { Navigate } from 'react-router-dom';
import { useSession } from '../../auth/session';

/** Work lists are the home page: each user lands on their own (the window's, the inbox, the search). */
export default function Home() {
  const { can } = useSession();
  if (can('clerk')) return <Navigate to="/window" replace />;
  if (can('officer', 'reviewer', 'head')) return <Navigate to="/inbox" replace />;
  return <Navigate to="/cases" replace />;
}
